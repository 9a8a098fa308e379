package org.integrationhub.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Boots the real distribution with Pax Exam and checks, from inside it, what only the assembled hub can prove:
 * the feature and its bundles, the shell commands, and the REST API with a key made by the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HubDistributionIT {

    private static final Pattern KEY = Pattern.compile("key:\\s+(hub_[A-Za-z0-9_-]+)");

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private BundleContext bundleContext;

    private HubHttp http;

    @Configuration
    public Option[] config() throws IOException {
        String archive = System.getProperty("hub.distribution");
        File target = new File(System.getProperty("project.build.directory", "target"));
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(new File(archive).toURI().toString())
                    .karafVersion("4.4.10").name("Integration Hub").unpackDirectory(new File(target, "exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
            systemProperty("hub.it").value("true"),
        };
    }

    @Before
    public void awaitHub() throws Exception {
        http = new HubHttp(httpPort());
        http.awaitHealthy(Duration.ofSeconds(90));
    }

    @Test
    public void featureIsInstalledAndEveryHubBundleIsActive() throws Exception {
        assertTrue(features.isInstalled(features.getFeature("integration-hub")));
        List<String> hubBundles = new ArrayList<>();
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName().startsWith("org.integrationhub.")) {
                hubBundles.add(b.getSymbolicName());
                assertEquals(b.getSymbolicName() + " active", Bundle.ACTIVE, b.getState());
            }
        }
        assertTrue(hubBundles.toString(), hubBundles.containsAll(List.of("org.integrationhub.api",
                "org.integrationhub.persistence", "org.integrationhub.core", "org.integrationhub.security",
                "org.integrationhub.rest", "org.integrationhub.shell",
                // every connector shipped in plugins/ is installed and active
                "org.integrationhub.connector.example", "org.integrationhub.connector.slack",
                "org.integrationhub.connector.jira", "org.integrationhub.connector.teams",
                "org.integrationhub.connector.asana", "org.integrationhub.connector.trello")));
    }

    @Test
    public void keyFromShellDrivesTheRestApi() throws Exception {
        String writer = createKey("hub:apikey-create it-writer --scope tickets:read --scope tickets:write");
        String reader = createKey("hub:apikey-create it-reader --scope tickets:read");
        String limited = createKey("hub:apikey-create it-limited --scope tickets:read --rate-limit 3");

        HubHttp.Answer created = http.post("/api/v1/tickets", writer, HubHttp.ticketJson("Printer on fire", "urgent", "ann@example.com"));
        assertEquals(created.toString(), 201, created.status);
        String id = created.json.get("id").asText();
        assertTrue(created.header("Location").endsWith("/api/v1/tickets/" + id));
        assertEquals("open", created.json.get("status").asText());

        assertEquals(200, http.get("/api/v1/tickets/" + id, reader).status);
        assertEquals(200, http.patch("/api/v1/tickets/" + id, writer, "{\"assignee\":\"bob@example.com\"}").status);
        assertEquals(201, http.post("/api/v1/tickets/" + id + "/comments", writer, "{\"body\":\"on it\",\"author\":{\"name\":\"Bob\",\"email\":\"bob@example.com\"}}").status);
        assertEquals(201, http.post("/api/v1/tickets/" + id + "/rating", writer, "{\"score\":5}").status);
        assertEquals(200, http.patch("/api/v1/tickets/" + id, writer, "{\"status\":\"resolved\"}").status);
        assertEquals(200, http.patch("/api/v1/tickets/" + id, writer, "{\"status\":\"closed\"}").status);
        HubHttp.Answer illegal = http.patch("/api/v1/tickets/" + id, writer, "{\"status\":\"pending\"}");
        assertEquals(409, illegal.status);
        assertTrue(illegal.header("Content-Type").startsWith("application/problem+json"));

        JsonNode events = http.get("/api/v1/tickets/" + id + "/events", reader).json;
        List<String> types = new ArrayList<>();
        events.get("data").forEach(e -> types.add(e.get("type").asText()));
        assertEquals(List.of("ticket.created", "ticket.updated", "comment.added", "rating.received", "ticket.resolved", "ticket.closed"), types);

        // ticket metrics (CONTRACT "Metrics"): the ticket resolved just now counts in the 60-minute window
        HubHttp.Answer metrics = http.get("/api/v1/metrics/tickets", reader);
        assertEquals(200, metrics.status);
        assertEquals(60, metrics.json.get("window_minutes").asInt());
        assertTrue(metrics.json.toString(), metrics.json.get("average_resolution_minutes").isNumber());
        assertTrue(metrics.json.toString(), metrics.json.get("by_priority").has("urgent"));
        String stats = execute("hub:ticket-stats");
        assertTrue(stats, stats.contains("urgent"));

        // authentication and authorisation
        HubHttp.Answer none = http.get("/api/v1/tickets", null);
        assertEquals(401, none.status);
        assertNotNull(none.header("WWW-Authenticate"));
        assertEquals(401, http.get("/api/v1/tickets", "hub_wrong").status);
        assertEquals(403, http.post("/api/v1/tickets", reader, HubHttp.ticketJson("x", "low", "a@example.com")).status);

        // rate limit: the 4th call in a minute is refused, other keys are unaffected
        for (int i = 0; i < 3; i++) {
            assertEquals(200, http.get("/api/v1/tickets?limit=1", limited).status);
        }
        HubHttp.Answer limitedAnswer = http.get("/api/v1/tickets?limit=1", limited);
        assertEquals(429, limitedAnswer.status);
        assertNotNull(limitedAnswer.header("Retry-After"));
        assertEquals(200, http.get("/api/v1/tickets?limit=1", reader).status);

        // the shell sees what REST did
        String shown = execute("hub:ticket-show " + id);
        assertTrue(shown, shown.contains("Printer on fire") && shown.contains("ticket.closed"));
        String list = execute("hub:ticket-list --status closed");
        assertTrue(list, list.contains(id));
    }

    /** Issue 18: what Jetty refuses itself and a body that is not declared JSON are problem+json 4xx too. */
    @Test
    public void hostileRequestsAreProblems() throws Exception {
        String writer = createKey("hub:apikey-create it-hostile --scope tickets:read --scope tickets:write");
        assertRawProblem("GET /api/v1/tickets/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 400);
        assertRawProblem("GET /../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 400);
        assertRawProblem("GET /api/v1/tickets/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 400);
        assertRawProblem("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 414);
        String body = HubHttp.ticketJson("typeless", "low", "ann@example.com");
        assertRawProblem("POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + writer
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body, 415);
        // the same body declared as JSON is accepted; outside /api/v1 the 404s are problems as well
        assertEquals(201, http.post("/api/v1/tickets", writer, body).status);
        assertRawProblem("DELETE /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 404);
    }

    /** Issue 18: the OpenAPI description is public; every route of the booted hub's bundles is in it (OpenApiDriftTest). */
    @Test
    public void openApiIsServedWithoutCredentials() throws Exception {
        HubHttp.Answer doc = http.get("/api/v1/openapi.json", null);
        assertEquals(doc.toString(), 200, doc.status);
        assertTrue(doc.header("Content-Type"), doc.header("Content-Type").startsWith("application/json"));
        assertEquals("3.1.0", doc.json.get("openapi").asText());
        assertTrue(doc.json.get("paths").has("/v1/tickets") && doc.json.get("paths").has("/v1/webhooks"));
        assertNotNull(doc.header("ETag"));
    }

    private void assertRawProblem(String request, int status) throws IOException {
        String response;
        try (Socket socket = new Socket("127.0.0.1", httpPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        String shown = response.length() > 300 ? response.substring(0, 300) : response;
        assertTrue(shown, response.startsWith("HTTP/1.1 " + status));
        int split = response.indexOf("\r\n\r\n");
        assertTrue(shown, split > 0 && response.substring(0, split).toLowerCase(java.util.Locale.ROOT)
                .contains("content-type: application/problem+json"));
        JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.substring(split + 4));
        assertEquals(status, problem.get("status").asInt());
        assertTrue(shown, problem.get("title").isTextual() && problem.get("detail").isTextual()
                && !response.contains("<h1>"));
    }

    private String createKey(String command) throws Exception {
        String out = execute(command);
        Matcher m = KEY.matcher(out);
        assertTrue(out, m.find());
        return m.group(1);
    }

    private String execute(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            session.execute(command);
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private int httpPort() throws IOException {
        org.osgi.service.cm.ConfigurationAdmin cm = bundleContext.getService(
                bundleContext.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        Object port = cm.getConfiguration("org.ops4j.pax.web", null).getProperties().get("org.osgi.service.http.port");
        return Integer.parseInt(String.valueOf(port));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
