package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 12's acceptance, as a new plugin author would go: in a directory outside the repository, generate a
 * connector with the installed {@code hub-connector-archetype}, build it offline with {@code mvn verify} (its own
 * tests included), drop the jar into a running hub's deploy/, create an instance pointing at a loopback vendor with
 * {@code hub:integration-add} (bin/client), and call its action over REST. Prints the time from generate to
 * callable. Then the generated connector's health check, its inbound webhook and its events (in ticket order, with
 * idempotency keys, without echoing the vendor's own comment) are checked in the distribution too.
 *
 * <p>Maven runs as a child process ({@code maven.home} from the build, offline, with the default local repository,
 * where the hub's build installed hub-bom, hub-api, the test kit and the archetype).
 */
class ArchetypeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "it-acme-token-7f3a9c";
    private static final String WEBHOOK_SECRET = "it-acme-webhook-secret-51d2";
    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(8);

    private Path workspace;
    private HubProcess hub;
    private FakeHttpServer vendor;

    @AfterEach
    void stop() throws Exception {
        try {
            if (hub != null) {
                hub.stop();
            }
        } finally {
            if (vendor != null) {
                vendor.close();
            }
            if (workspace != null) {
                try (Stream<Path> files = Files.walk(workspace)) {
                    files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    void aGeneratedConnectorBuildsOfflineAndIsCallableInTheHub() throws Exception {
        vendor = FakeHttpServer.start();
        vendor.route("POST", "/api/messages", Reply.of(201, "{\"id\":\"m-1\"}"));
        vendor.route("GET", "/api/me", Reply.of(200, "{\"name\":\"acme-it-bot\"}"));
        Path dir = Paths.get(System.getProperty("project.build.directory", "target"), "archetype-it");
        hub = HubProcess.unpack(Paths.get(System.getProperty("hub.distribution")), dir).start();
        HubHttp http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(180));
        String key = hub.createKey("archetype-it", "--scope", "integrations:read", "--scope", "integrations:execute",
                "--scope", "tickets:read", "--scope", "tickets:write");
        workspace = Files.createTempDirectory("hub-archetype-it-");
        assertThat(workspace.toAbsolutePath().startsWith(repositoryRoot())).as("outside the repository").isFalse();

        long start = System.nanoTime();
        maven(workspace, "org.apache.maven.plugins:maven-archetype-plugin:" + archetypePluginVersion() + ":generate",
                "-DarchetypeGroupId=org.integrationhub", "-DarchetypeArtifactId=hub-connector-archetype",
                "-DarchetypeVersion=" + hubVersion(), "-DgroupId=com.acme", "-DartifactId=acme-connector",
                "-Dversion=1.0.0-SNAPSHOT", "-Dpackage=com.acme.connector", "-DconnectorType=acme",
                "-DinteractiveMode=false");
        long generated = System.nanoTime();
        Path project = workspace.resolve("acme-connector");
        String build = maven(project, "verify");
        assertThat(build).as("the generated project's own tests ran").containsPattern("Tests run: [1-9][0-9]*, Failures: 0, Errors: 0");
        Path jar = project.resolve("target/acme-connector-1.0.0-SNAPSHOT.jar");
        assertThat(jar).exists();
        long built = System.nanoTime();

        deploy(jar);
        configure(http, key);
        long callable = awaitCallable(http, key, Duration.ofSeconds(60));
        System.out.printf("archetype generate-to-callable: %d ms (generate %d ms, mvn verify %d ms, drop + configure"
                + " to callable %d ms)%n", ms(callable - start), ms(generated - start), ms(built - generated),
                ms(callable - built));

        FakeHttpServer.Recorded sent = vendor.requests("POST", "/api/messages").get(0);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(JSON.readTree(sent.body()).get("text").asText()).isEqualTo("hello from the archetype");

        JsonNode info = awaitOnline(http, key, Duration.ofSeconds(30));
        assertThat(info.get("type").asText()).isEqualTo("acme");
        assertThat(info.get("bundle").asText()).isEqualTo("com.acme.connector/1.0.0.SNAPSHOT");
        assertThat(info.toString()).doesNotContain(TOKEN).doesNotContain(WEBHOOK_SECRET);
        String types = hub.client("hub:integration-types acme");
        assertThat(types).as("hub:integration-types acme").contains("api.url").contains(".token")
                .contains(".webhook.secret").doesNotContain(TOKEN);

        commentThroughTheWebhook(http, key);
        assertThat(connectorErrors()).as("ERROR lines of the connector in karaf.log").isEmpty();
        // the secrets typed in hub:integration-add reach no log line (Karaf names the command's thread after it)
        assertThat(log(l -> l.contains(TOKEN) || l.contains(WEBHOOK_SECRET))).as("karaf.log lines with a secret")
                .isEmpty();
    }

    /** A signed vendor callback to /integrations/acme/webhook becomes a comment on the ticket; an unsigned one is refused. */
    private void commentThroughTheWebhook(HubHttp http, String key) throws Exception {
        HubHttp.Answer ticket = http.post("/api/v1/tickets", key, HubHttp.ticketJson("Archetype webhook", "normal",
                "it@example.com"));
        assertThat(ticket.status).as("create ticket: %s", ticket).isEqualTo(201);
        String id = ticket.json.get("id").asText();
        String body = "{\"id\":\"c-1\",\"type\":\"comment.created\",\"ticket_id\":\"" + id
                + "\",\"text\":\"Fixed on the vendor side\",\"author\":{\"name\":\"Vic\",\"email\":\"vic@vendor.example\"}}";
        HttpClient client = HttpClient.newHttpClient();
        URI webhook = URI.create("http://127.0.0.1:" + hub.httpPort() + "/integrations/acme/webhook");
        HttpResponse<String> unsigned = client.send(HttpRequest.newBuilder(webhook)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).as("unsigned webhook: %s", unsigned.body()).isEqualTo(401);
        HttpResponse<String> signed = client.send(HttpRequest.newBuilder(webhook)
                .header("Content-Type", "application/json").header("X-Signature", "sha256=" + hmac(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).as("signed webhook: %s", signed.body()).isEqualTo(200);
        JsonNode comments = http.get("/api/v1/tickets/" + id + "/comments", key).json.get("data");
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).get("body").asText()).isEqualTo("Fixed on the vendor side");

        // events reach the vendor in ticket order, each with its id as Idempotency-Key; the comment that came from
        // the vendor is not sent back (the update after it arrives only once the comment's event was handled)
        HubHttp.Answer update = http.patch("/api/v1/tickets/" + id, key, "{\"subject\":\"Archetype webhook (done)\"}");
        assertThat(update.status).as("update: %s", update).isEqualTo(200);
        List<FakeHttpServer.Recorded> events = vendor.await("POST", "/api/events", 2, Duration.ofSeconds(60));
        List<String> types = new ArrayList<>();
        for (FakeHttpServer.Recorded event : events) {
            JsonNode json = JSON.readTree(event.body());
            assertThat(json.at("/ticket/id").asText()).isEqualTo(id);
            assertThat(event.header("Idempotency-Key")).isEqualTo(json.get("id").asText());
            types.add(json.get("type").asText());
        }
        assertThat(types).as("events sent to the vendor").containsExactly("ticket.created", "ticket.updated");
    }

    /** @return the hub's HTTP port, as HubProcess configured it */

    /** Puts the jar into deploy/ in one step (written next to it first), as the docs tell operators to. */
    private void deploy(Path jar) throws IOException {
        Path staging = hub.home().resolve("staging/acme-connector.jar");
        Files.createDirectories(staging.getParent());
        Files.copy(jar, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, hub.home().resolve("deploy/acme-connector.jar"), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Creates the instance {@code demo} as the guide tells operators to: once the hub knows the type (its bundle is
     * active), {@code hub:integration-add} through {@code bin/client}. The secrets are accepted and never echoed.
     */
    private void configure(HubHttp http, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HubHttp.Answer type = http.get("/api/v1/integration-types/acme", key);
        while (type.status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            type = http.get("/api/v1/integration-types/acme", key);
        }
        assertThat(type.status).as("the type acme after the drop: %s", type).isEqualTo(200);
        String out = hub.client("hub:integration-add acme demo api.url=" + vendor.uri("/api") + " .token=" + TOKEN
                + " .webhook.secret=" + WEBHOOK_SECRET);
        assertThat(out).as("hub:integration-add").contains("demo").contains("created").doesNotContain(TOKEN)
                .doesNotContain(WEBHOOK_SECRET).doesNotContainIgnoringCase("error");
        assertThat(hub.home().resolve("etc/org.integrationhub.connector.acme-demo.cfg")).exists();
        System.out.println("karaf@hub()> hub:integration-add acme demo api.url=… .token=… .webhook.secret=…\n" + out.strip());
    }

    /** Calls the action every 50 ms until it answers 200; @return System.nanoTime() of that answer */
    private long awaitCallable(HubHttp http, String key, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HubHttp.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = http.post("/api/v1/integrations/demo/actions/send_message", key,
                    "{\"text\":\"hello from the archetype\"}");
            if (last.status == 200) {
                long now = System.nanoTime();
                assertThat(last.json.get("id").asText()).isEqualTo("m-1");
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the generated connector was not callable within " + timeout + ": last answer "
                + last + "\n" + log(l -> l.contains("acme") || l.contains("ERROR")));
    }

    private JsonNode awaitOnline(HubHttp http, String key, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode info = null;
        while (System.nanoTime() < deadline) {
            info = http.get("/api/v1/integrations/demo", key).json;
            if (info != null && "ONLINE".equals(info.path("status").asText())) {
                assertThat(info.get("status_detail").asText()).isEqualTo("authenticated as acme-it-bot");
                return info;
            }
            http.post("/api/v1/integrations/demo/test", key, "{}");
            Thread.sleep(200);
        }
        throw new AssertionError("the generated connector never became ONLINE: " + info);
    }

    /** Runs Maven offline in {@code dir}; @return its output (asserting exit code 0) */
    private static String maven(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-o", "-B"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("hub-archetype-it-mvn-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            pb.environment().remove("MAVEN_OPTS"); // the default local repository, whatever the outer build used
            Process p = pb.start();
            if (!p.waitFor(MAVEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("mvn " + String.join(" ", args) + " did not finish within " + MAVEN_TIMEOUT);
            }
            String out = Files.readString(output);
            assertThat(p.exitValue()).as("mvn %s in %s:%n%s", String.join(" ", args), dir, tail(out)).isZero();
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Paths.get(home, "bin", "mvn"))) {
            return Paths.get(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static String hubVersion() {
        return System.getProperty("hub.version", "0.1.0-SNAPSHOT");
    }

    /** The maven-archetype-plugin the archetype is built with (connector-archetype/pom.xml), so it is in ~/.m2. */
    private static String archetypePluginVersion() {
        return System.getProperty("archetype.plugin.version", "3.4.0");
    }

    private static Path repositoryRoot() {
        return Paths.get(System.getProperty("project.build.directory", "target")).toAbsolutePath().getParent()
                .getParent();
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private String connectorErrors() throws IOException {
        return log(l -> l.contains("| ERROR |") && l.contains("com.acme"));
    }

    private String log(Predicate<String> filter) throws IOException {
        Path log = hub.home().resolve("data/log/karaf.log");
        return Files.exists(log) ? String.join("\n", Files.readAllLines(log).stream().filter(filter).toList()) : "";
    }

    private static String tail(String out) {
        return out.length() > 6000 ? "…" + out.substring(out.length() - 6000) : out;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
