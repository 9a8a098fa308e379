package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Connectors as an operator sees them, in one booted distribution: issue 20 (an http-notify instance configured
 * without integration.events receives a new ticket's ticket.created; one with an explicitly empty value receives
 * nothing and its listing says so); a plugin dropped into deploy/ shows in hub:integration-types, the REST type
 * listing and the web console's form; instances added and removed over the shell, REST and the console become
 * callable and go away, their secrets never shown; and karaf.log stays free of hub errors throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntegrationOperationsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SHELL_SECRET = "shell-secret-0123456789";
    private static final String ENV_SECRET = "env-secret-9876543210";
    private static final Pattern CSRF = Pattern.compile("name=\"hub_csrf\" value=\"([^\"]+)\"");

    private static HubProcess hub;
    private static HubHttp http;
    private static NotifyReceiver defaults;
    private static NotifyReceiver silent;
    private static HttpServer remote;
    private static final List<String> remoteCalls = new CopyOnWriteArrayList<>();
    private static String admin;
    private static String reader;
    private static String console;
    private static String basic;

    @BeforeAll
    static void boot() throws Exception {
        defaults = new NotifyReceiver();
        silent = new NotifyReceiver();
        remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                remoteCalls.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                        + " " + body);
                exchange.sendResponseHeaders(200, -1);
            }
        });
        remote.start();
        Path dir = Paths.get(System.getProperty("project.build.directory", "target"), "operations-it");
        hub = HubProcess.unpack(Paths.get(System.getProperty("hub.distribution")), dir).environment("HUB_IT_TOKEN", ENV_SECRET);
        // issue 20: one instance leaves integration.events out, the other subscribes to nothing on purpose
        Files.writeString(dir.resolve("etc/org.integrationhub.connector.httpnotify-defaults.cfg"),
                "integration.name = defaults\nurl = " + defaults.url() + "\n");
        Files.writeString(dir.resolve("etc/org.integrationhub.connector.httpnotify-silent.cfg"),
                "integration.name = silent\nintegration.events =\nurl = " + silent.url() + "\n");
        hub.start();
        http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(180));
        admin = hub.createKey("ops-admin", "--scope", "admin", "--rate-limit", "unlimited");
        reader = hub.createKey("ops-reader", "--scope", "integrations:read", "--scope", "integrations:execute",
                "--rate-limit", "unlimited");
        String port = Files.readAllLines(dir.resolve("etc/org.ops4j.pax.web.cfg")).stream()
                .filter(l -> l.startsWith("org.osgi.service.http.port")).map(l -> l.split("=")[1].trim()).findFirst()
                .orElseThrow();
        console = "http://127.0.0.1:" + port + "/system/console/hub-integrations";
        basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Files.readString(
                dir.resolve("etc/initial-admin-password")).trim()).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (hub != null) {
                assertThat(hubErrors()).as("errors and stack traces of hub code in karaf.log").isEmpty();
            }
        } finally {
            if (hub != null) {
                hub.stop();
            }
            defaults.close();
            silent.close();
            remote.stop(0);
        }
    }

    @Test
    @Order(1)
    void aMissingEventsKeyMeansEveryEventAndAnEmptyOneNone() throws Exception {
        await("both instances registered", () -> status("defaults").equals("ONLINE") && status("silent").equals("ONLINE"));
        HubHttp.Answer ticket = http.post("/api/v1/tickets", admin, HubHttp.ticketJson("Issue 20", "normal", "i20@example.com"));
        assertThat(ticket.status).isEqualTo(201);
        String id = ticket.json.get("id").asText();
        await("ticket.created at the instance without integration.events",
                () -> defaults.events().stream().anyMatch(e -> e.ticketId().equals(id) && e.type().equals("ticket.created")));
        Thread.sleep(2000); // the relay routed the event to every subscriber at once; give a wrong delivery time to land
        assertThat(silent.eventCount()).as("events at the instance subscribed to nothing").isZero();

        assertThat(info("defaults").get("events")).extracting(JsonNode::asText).containsExactly("*");
        assertThat(info("silent").get("events")).isEmpty();
        assertThat(info("silent").get("min_priority").isNull()).isTrue();
        String listing = hub.client("hub:integration-list");
        assertThat(line(listing, "silent")).contains("receives no events");
        assertThat(line(listing, "defaults")).contains("all ticket events");
        assertThat(hub.client("hub:integration-status silent")).contains("receives:  receives no events");
        assertThat(consolePage("")).contains("<td>receives no events</td>");
    }

    @Test
    @Order(2)
    void aDroppedPluginShowsInTheShellRestAndConsoleAndIsConfiguredOverTheShell() throws Exception {
        assertThat(hub.client("hub:integration-types")).contains("http-notify - ", "slack - ", "url", ".token")
                .doesNotContain(ConnectorJar.DROP_IN_TYPE);
        Path jar = ConnectorJar.dropIn(hub.home().resolve("jars/" + ConnectorJar.DROP_IN_TYPE + ".jar"));
        Files.copy(jar, hub.home().resolve("deploy/" + ConnectorJar.DROP_IN_TYPE + ".jar"));
        await("the dropped type in hub:integration-types",
                () -> hub.client("hub:integration-types").contains(ConnectorJar.DROP_IN_TYPE + " - "));
        HubHttp.Answer types = http.get("/api/v1/integration-types", reader);
        assertThat(types.status).isEqualTo(200);
        JsonNode type = find(types.json, "type", ConnectorJar.DROP_IN_TYPE);
        assertThat(type.get("factory_pid").asText()).isEqualTo(ConnectorJar.DROP_IN_PID);
        assertThat(type.get("bundle").asText()).startsWith(ConnectorJar.DROP_IN_BSN + "/");
        assertThat(find(type.get("keys"), "id", ".token").get("secret").asBoolean()).isTrue();
        assertThat(find(type.get("keys"), "id", "url").get("required").asBoolean()).isTrue();
        assertThat(consolePage("?type=" + ConnectorJar.DROP_IN_TYPE)).contains("name=\"cfg.url\"",
                "name=\"cfg..token\" type=\"password\"");

        String refused = hub.client("hub:integration-add " + ConnectorJar.DROP_IN_TYPE + " by-shell bogus=1 .token=" + SHELL_SECRET);
        assertThat(refused).contains("bogus unknown key", "url is required").doesNotContain(SHELL_SECRET);
        String added = hub.client("hub:integration-add " + ConnectorJar.DROP_IN_TYPE + " by-shell url=" + remoteUrl("shell")
                + " .token=" + SHELL_SECRET + " integration.events=ticket.created quotaPerSecond=50");
        assertThat(added).contains("Integration by-shell (" + ConnectorJar.DROP_IN_TYPE + ") created", ".token = (secret, set)",
                "integration.events = ticket.created").doesNotContain(SHELL_SECRET);
        Path file = hub.home().resolve("etc/" + ConnectorJar.DROP_IN_PID + "-by-shell.cfg");
        assertThat(properties(file)).containsEntry("integration.name", "by-shell").containsEntry("quotaPerSecond", "50")
                .containsEntry(".token", SHELL_SECRET);
        assertThat(hub.client("hub:integration-add " + ConnectorJar.DROP_IN_TYPE + " by-shell url=" + remoteUrl("x")))
                .contains("An integration named 'by-shell' exists already");

        awaitCallable("by-shell", reader);
        assertThat(remoteCalls).anyMatch(c -> c.startsWith("/shell Bearer " + SHELL_SECRET + " {\"type\":\"notify\""));
        assertThat(info("by-shell").get("events")).extracting(JsonNode::asText).containsExactly("ticket.created");
        assertThat(hub.client("hub:integration-list") + http.get("/api/v1/integrations", reader).raw.body()
                + consolePage("?edit=by-shell")).doesNotContain(SHELL_SECRET).contains("by-shell");

        assertThat(hub.client("hub:integration-remove by-shell")).contains("Integration by-shell removed");
        assertThat(file).doesNotExist();
        await("by-shell gone from the listing", () -> http.get("/api/v1/integrations/by-shell", reader).status == 404);
        assertThat(hub.client("hub:integration-remove by-shell")).contains("No integration named 'by-shell' is configured");
    }

    @Test
    @Order(3)
    void restCreatesAnInstanceWithAnEnvironmentSecretAndDeletesIt() throws Exception {
        String body = "{\"type\":\"http-notify\",\"name\":\"by-rest\",\"config\":{\"url\":\"" + remoteUrl("rest")
                + "\",\".token\":\"env:HUB_IT_TOKEN\",\"quotaPerSecond\":25,\"integration.events\":[\"ticket.resolved\"]}}";
        assertThat(http.post("/api/v1/integrations", reader, body).status).as("without scope admin").isEqualTo(403);
        HubHttp.Answer created = http.post("/api/v1/integrations", admin, body);
        assertThat(created.status).as("%s", created).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/integrations/by-rest");
        assertThat(created.json.get("secrets_set")).extracting(JsonNode::asText).containsExactly(".token");
        assertThat(created.json.get("config").get("quotaPerSecond").asText()).isEqualTo("25");
        assertThat(created.raw.body()).doesNotContain("HUB_IT_TOKEN").doesNotContain(ENV_SECRET);
        HubHttp.Answer listed = http.get("/api/v1/integrations/by-rest", reader);
        assertThat(listed.status).as("listed as soon as the POST has answered: %s", listed).isEqualTo(200);
        assertThat(listed.json.get("type").asText()).as("its type, also before its connector runs")
                .isEqualTo("http-notify");

        HubHttp.Answer duplicate = http.post("/api/v1/integrations", admin, body);
        assertThat(duplicate.status).isEqualTo(409);
        assertThat(duplicate.header("Content-Type")).startsWith("application/problem+json");
        HubHttp.Answer invalid = http.post("/api/v1/integrations", admin,
                "{\"type\":\"http-notify\",\"name\":\"bad\",\"config\":{\"bogus\":1,\"quotaPerSecond\":\"many\"}}");
        assertThat(invalid.status).as("invalid values: 422, as on every body of /api/v1").isEqualTo(422);
        assertThat(invalid.json.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("config.bogus",
                "config.quotaPerSecond", "config.url");
        HubHttp.Answer misshapen = http.post("/api/v1/integrations", admin,
                "{\"type\":\"http-notify\",\"name\":\"bad\",\"config\":{\"url\":{\"a\":1}},\"extra\":1}");
        assertThat(misshapen.status).as("a badly shaped body: 400 naming each field").isEqualTo(400);
        assertThat(misshapen.json.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("config.url",
                "extra");
        assertThat(http.post("/api/v1/integrations", admin, "{\"type\":\"nope\",\"name\":\"x\"}").status).isEqualTo(404);

        awaitCallable("by-rest", reader);
        assertThat(remoteCalls).as("env:NAME resolved by the connector").anyMatch(c -> c.startsWith("/rest Bearer " + ENV_SECRET + " "));
        assertThat(http.send("DELETE", "/api/v1/integrations/by-rest", reader, null).status).isEqualTo(403);
        assertThat(http.send("DELETE", "/api/v1/integrations/by-rest", admin, null).status).isEqualTo(204);
        assertThat(http.get("/api/v1/integrations/by-rest", reader).status).as("gone as soon as the DELETE has answered")
                .isEqualTo(404);
        assertThat(http.send("DELETE", "/api/v1/integrations/by-rest", admin, null).status).isEqualTo(404);
        assertThat(hub.home().resolve("etc/org.integrationhub.connector.httpnotify-by-rest.cfg")).doesNotExist();
    }

    @Test
    @Order(4)
    void theConsoleCreatesAndEditsAnInstanceThroughItsForm() throws Exception {
        String form = consolePage("?type=http-notify");
        assertThat(form).contains("name=\"cfg.url\"", "name=\"cfg.integration.events\"");
        HttpResponse<String> created = consolePost(Map.of("action", "create", "type", "http-notify", "name", "by-console",
                "cfg.url", remoteUrl("console"), "cfg..token", "console-token", "cfg.integration.events", "*",
                "hub_csrf", token(form)));
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(created.headers().firstValue("Location").orElseThrow()).contains("result=result.integration.created");
        awaitCallable("by-console", reader);

        String edit = consolePage("?edit=by-console");
        assertThat(edit).contains(remoteUrl("console")).doesNotContain("console-token");
        HttpResponse<String> saved = consolePost(Map.of("action", "update", "name", "by-console", "cfg.url",
                remoteUrl("edited"), "cfg..token", "", "cfg.integration.events", "*", "hub_csrf", token(edit)));
        assertThat(saved.headers().firstValue("Location").orElseThrow()).contains("result=result.integration.saved");
        Path file = hub.home().resolve("etc/org.integrationhub.connector.httpnotify-by-console.cfg");
        await("fileinstall wrote the change back", () -> remoteUrl("edited").equals(properties(file).getProperty("url")));
        assertThat(properties(file)).containsEntry(".token", "console-token").containsEntry("integration.name", "by-console");
        int before = remoteCalls.size();
        await("the edited instance posts to its new URL", () -> {
            callAction("by-console", reader);
            return remoteCalls.subList(before, remoteCalls.size()).stream()
                    .anyMatch(c -> c.startsWith("/edited Bearer console-token "));
        });

        HttpResponse<String> refused = consolePost(Map.of("action", "update", "name", "by-console", "cfg.url", "",
                "cfg.quotaPerSecond", "lots", "hub_csrf", token(edit)));
        assertThat(refused.headers().firstValue("Location").orElseThrow()).contains("edit=by-console");
        assertThat(consolePage(refused.headers().firstValue("Location").orElseThrow().replaceFirst(".*hub-integrations", "")))
                .contains("url: is required", "quotaPerSecond: must be an integer");
        consolePost(Map.of("action", "remove", "name", "by-console", "hub_csrf", token(edit)));
        await("by-console gone", () -> http.get("/api/v1/integrations/by-console", reader).status == 404);
    }

    // --- helpers

    private static String remoteUrl(String path) {
        return "http://127.0.0.1:" + remote.getAddress().getPort() + "/" + path;
    }

    private static String status(String name) throws IOException, InterruptedException {
        HubHttp.Answer a = http.get("/api/v1/integrations/" + name, reader);
        return a.status == 200 ? a.json.get("status").asText() : "HTTP " + a.status;
    }

    private static JsonNode info(String name) throws IOException, InterruptedException {
        HubHttp.Answer a = http.get("/api/v1/integrations/" + name, reader);
        assertThat(a.status).as("%s", a).isEqualTo(200);
        return a.json;
    }

    private static HubHttp.Answer callAction(String name, String key) throws IOException, InterruptedException {
        return http.post("/api/v1/integrations/" + name + "/actions/notify", key, "{\"text\":\"hello " + name + "\"}");
    }

    private static void awaitCallable(String name, String key) throws Exception {
        await(name + " callable", () -> callAction(name, key).status == 200);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + " = " + value + " in " + array);
    }

    private static String line(String table, String name) {
        return table.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in:\n" + table));
    }

    /** @return the configuration file as fileinstall reads it (empty while it does not exist) */
    private static java.util.Properties properties(Path file) throws IOException {
        java.util.Properties p = new java.util.Properties();
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                p.load(in);
            }
        }
        return p;
    }

    private static String consolePage(String query) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console + query))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> consolePost(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console)).header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }

    /** A condition that may throw while the hub settles. */
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                last = e instanceof Exception ex ? ex : new Exception(e);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + TIMEOUT + ": " + what + (last == null ? "" : " (last: " + last + ")")
                + "\nkaraf.log:\n" + log(l -> l.contains("ERROR") || l.contains("WARN") || l.contains("ntegration")));
    }

    private static String hubErrors() throws IOException {
        return log(l -> (l.contains("| ERROR |") && l.contains("- org.integrationhub.")) || l.contains("at org.integrationhub."));
    }

    private static String log(java.util.function.Predicate<String> filter) throws IOException {
        Path log = hub.home().resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log).lines().filter(filter).collect(Collectors.joining("\n")) : "";
    }
}
