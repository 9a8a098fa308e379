package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Datadog connector as the distribution installs it (part of the integration-hub feature), one instance
 * configured in etc/ with a 5 s interval against a loopback Datadog (issue #15 part 3, "done when"): tickets created
 * and resolved through REST → the next reports carry the four gauges with the hub's figures, in total
 * ({@code priority:all}) and per priority, tagged {@code service:helpdesk}, {@code environment:it} and the configured
 * tag, type 3, timestamps in epoch seconds, the key only in {@code DD-API-KEY}; the health check validates the key;
 * {@code report_now} answers what it sent; a revoked key (403) shows as OFFLINE with an authentication detail.
 */
class DatadogConnectorIT {

    private static final String NAME = "datadog-it";
    private static final String API_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PG_URL = System.getenv().getOrDefault("HUB_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getenv().getOrDefault("HUB_TEST_PG_USER", "postgres");

    private final List<HubProcess> hubs = new ArrayList<>();
    private final List<FakeDatadog> fakes = new ArrayList<>();

    /** A hub unpacked into target/{dir} with the Datadog instance aimed at its own loopback Datadog. */
    private HubProcess node(String dir, FakeDatadog datadog) throws Exception {
        Path archive = Paths.get(System.getProperty("hub.distribution"));
        HubProcess hub = HubProcess.unpack(archive, Paths.get(System.getProperty("project.build.directory", "target"),
                dir));
        hubs.add(hub);
        Files.writeString(hub.home().resolve("etc/org.integrationhub.connector.datadog-" + NAME + ".cfg"),
                String.join("\n", "integration.name = " + NAME, "integration.events = ", ".api.key = " + API_KEY,
                        "environment = it", "tags = team:support", "interval.seconds = 5",
                        "api.url = " + datadog.url(), ""));
        return hub;
    }

    private FakeDatadog fake() throws IOException {
        FakeDatadog f = new FakeDatadog();
        fakes.add(f);
        return f;
    }

    @AfterEach
    void stop() throws Exception {
        for (HubProcess hub : hubs) {
            hub.stop();
        }
        fakes.forEach(FakeDatadog::close);
    }

    @Test
    void theFourGaugesArriveWithTheHubsFiguresAndTags() throws Exception {
        FakeDatadog datadog = fake();
        HubProcess hub = node("datadog-it", datadog);
        hub.start();
        HubHttp http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(180));
        String key = hub.createKey("datadog-it", "--scope", "tickets:read", "--scope", "tickets:write", "--scope",
                "integrations:read", "--scope", "integrations:execute");
        awaitStatus(http, key, NAME, "ONLINE", "");
        assertThat(datadog.validations).as("the health check validated the key").isNotEmpty();

        String urgent = createTicket(http, key, "Printer on fire", "urgent");
        createTicket(http, key, "VPN drops", "high");
        createTicket(http, key, "New mouse", "low");
        assertThat(http.patch("/api/v1/tickets/" + urgent, key, "{\"status\":\"resolved\"}").status).isEqualTo(200);
        Instant resolved = Instant.now();

        // a report made after the resolution: two open (high, low), one resolved within the hour (urgent)
        JsonNode report = awaitReport(datadog, body -> value(body, "helpdesk.tickets.open", "all") == 2.0
                && has(body, "helpdesk.resolution.average", "urgent"));
        Map<String, Double> gauges = new TreeMap<>();
        for (JsonNode s : report.path("series")) {
            List<String> tags = new ArrayList<>();
            s.path("tags").forEach(t -> tags.add(t.asText()));
            assertThat(s.path("type").asInt()).isEqualTo(3);
            assertThat(tags.subList(0, 3)).containsExactly("service:helpdesk", "environment:it", "team:support");
            assertThat(tags).hasSize(4);
            assertThat(tags.get(3)).matches("priority:(all|low|normal|high|urgent)");
            long ts = s.path("points").path(0).path("timestamp").asLong();
            assertThat(Instant.ofEpochSecond(ts)).isBetween(resolved.minusSeconds(5), Instant.now().plusSeconds(5));
            gauges.put(s.path("metric").asText() + "|" + tags.get(3), s.path("points").path(0).path("value").asDouble());
        }
        assertThat(gauges).containsEntry("helpdesk.tickets.open|priority:all", 2.0)
                .containsEntry("helpdesk.tickets.overdue|priority:all", 0.0)
                .containsEntry("helpdesk.sla.breached|priority:all", 0.0)
                .containsEntry("helpdesk.tickets.open|priority:high", 1.0)
                .containsEntry("helpdesk.tickets.open|priority:low", 1.0)
                .containsEntry("helpdesk.tickets.open|priority:urgent", 0.0)
                .containsEntry("helpdesk.tickets.open|priority:normal", 0.0);
        // resolved seconds after it was created: well under a minute, and the same in total and for urgent
        assertThat(gauges.get("helpdesk.resolution.average|priority:all")).isBetween(0.0, 1.0)
                .isEqualTo(gauges.get("helpdesk.resolution.average|priority:urgent"));
        assertThat(gauges).doesNotContainKey("helpdesk.resolution.average|priority:high");
        assertThat(gauges).as("3 gauges for all and each priority, the average where tickets were resolved").hasSize(5 * 3 + 2);
        // the hub's own figures agree
        JsonNode metrics = http.get("/api/v1/metrics/tickets", key).json;
        assertThat(metrics.path("open").asLong()).isEqualTo(2);
        assertThat(datadog.keys).containsOnly(API_KEY);

        HubHttp.Answer now = http.post("/api/v1/integrations/" + NAME + "/actions/report_now", key, "{}");
        assertThat(now.status).as("report_now: %s", now).isEqualTo(200);
        assertThat(now.json.path("series_count").asInt()).isEqualTo(17);
        assertThat(now.json.path("series").path(0).path("metric").asText()).isEqualTo("helpdesk.tickets.open");
        assertThat(now.json.path("series").path(0).path("value").asInt()).isEqualTo(2);

        // the key is revoked: the next report is refused, the instance shows it
        datadog.status = 403;
        awaitStatus(http, key, NAME, "OFFLINE", "authentication");
        assertThat(Files.readString(hub.home().resolve("data/log/karaf.log"))).doesNotContain(API_KEY);
    }

    private static String createTicket(HubHttp http, String key, String subject, String priority) throws Exception {
        HubHttp.Answer a = http.post("/api/v1/tickets", key, HubHttp.ticketJson(subject, priority, "ann@example.com"));
        assertThat(a.status).as("create ticket: %s", a).isEqualTo(201);
        return a.json.get("id").asText();
    }

    /**
     * Two hubs on one PostgreSQL schema, each with the instance aimed at its own loopback Datadog: only the node
     * holding the lease {@code datadog-it/report} reports, the other stands by; when the holder dies (kill -9, its
     * lease not released) the other takes over once the lease has run out (ttl 12.5 s at a 5 s interval).
     */
    @Test
    void ofTwoNodesOneReportsAndTheOtherTakesOverWhenItDies() throws Exception {
        String schema = freshSchema();
        FakeDatadog datadogA = fake();
        FakeDatadog datadogB = fake();
        HubProcess a = node("datadog-it-a", datadogA).usePostgres(PG_URL + "?currentSchema=" + schema, PG_USER);
        HubProcess b = node("datadog-it-b", datadogB).usePostgres(PG_URL + "?currentSchema=" + schema, PG_USER);
        a.start();
        a.http().awaitHealthy(Duration.ofSeconds(180));
        b.start();
        b.http().awaitHealthy(Duration.ofSeconds(180));
        String key = a.createKey("datadog-it", "--scope", "integrations:read");

        // whichever node took the lease first reports; the other stands by
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HubProcess holder = null;
        while (holder == null && System.nanoTime() < deadline) {
            if (!datadogA.series.isEmpty() && standingBy(b, key)) {
                holder = a;
            } else if (!datadogB.series.isEmpty() && standingBy(a, key)) {
                holder = b;
            } else {
                Thread.sleep(250);
            }
        }
        assertThat(holder).as("one node reports, the other stands by").isNotNull();
        HubProcess standby = holder == a ? b : a;
        FakeDatadog holderFake = holder == a ? datadogA : datadogB;
        FakeDatadog standbyFake = holder == a ? datadogB : datadogA;
        String holderOwner = leaseOwner(schema);
        // three more intervals: the holder goes on, the other node still sends nothing
        int before = holderFake.series.size();
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < until) {
            Thread.sleep(500);
        }
        assertThat(holderFake.series.size()).as("the holder keeps reporting").isGreaterThan(before);
        assertThat(standbyFake.series).as("the standby node sends nothing").isEmpty();
        assertThat(leaseOwner(schema)).as("renewed by the same node").isEqualTo(holderOwner);

        holder.killHard();
        int sentByTheDead = holderFake.series.size();
        deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (standbyFake.series.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(standbyFake.series).as("the other node took over").isNotEmpty();
        assertThat(holderFake.series).hasSize(sentByTheDead);
        assertThat(leaseOwner(schema)).isNotEqualTo(holderOwner);
        awaitStatus(standby.http(), key, NAME, "ONLINE", "last report");
    }

    private static boolean standingBy(HubProcess hub, String key) throws Exception {
        HubHttp.Answer a = hub.http().get("/api/v1/integrations/" + NAME, key);
        return a.status == 200 && a.toString().contains("standby: another hub node holds the lease");
    }

    private static String leaseOwner(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                ResultSet rs = c.createStatement().executeQuery("SELECT owner FROM " + schema
                        + ".hub_lease WHERE name = '" + NAME + "/report'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String freshSchema() {
        String schema = "dd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at " + PG_URL + ": " + e.getMessage());
        }
        return schema;
    }

    private static void awaitStatus(HubHttp http, String key, String name, String status, String detail)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HubHttp.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = http.get("/api/v1/integrations/" + name, key);
            if (last.status == 200 && status.equals(last.json.path("status").asText())
                    && last.toString().contains(detail)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the Datadog instance did not become " + status + ": " + last);
    }

    private static JsonNode awaitReport(FakeDatadog datadog, java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            for (String body : datadog.series) {
                JsonNode b = JSON.readTree(body);
                if (condition.test(b)) {
                    return b;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no such report reached Datadog; received: " + datadog.series);
    }

    private static double value(JsonNode body, String metric, String priority) {
        for (JsonNode s : body.path("series")) {
            if (s.path("metric").asText().equals(metric) && s.path("tags").toString().contains("priority:" + priority)) {
                return s.path("points").path(0).path("value").asDouble();
            }
        }
        return -1;
    }

    private static boolean has(JsonNode body, String metric, String priority) {
        return value(body, metric, priority) >= 0;
    }

    /** A loopback Datadog: GET /api/v1/validate and POST /api/v2/series with the documented answers. */
    private static final class FakeDatadog implements AutoCloseable {
        final List<String> series = new CopyOnWriteArrayList<>();
        final List<String> validations = new CopyOnWriteArrayList<>();
        final List<String> keys = new CopyOnWriteArrayList<>();
        volatile int status = 202;
        private final HttpServer server;

        FakeDatadog() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
            server.createContext("/api/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                String method = exchange.getRequestMethod();
                String path = exchange.getRequestURI().getPath();
                String key = String.valueOf(exchange.getRequestHeaders().getFirst("DD-API-KEY"));
                keys.add(key);
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int code;
                String answer;
                if (status == 403) {
                    code = 403;
                    answer = "{\"errors\":[\"Forbidden\"]}";
                } else if (method.equals("GET") && path.equals("/api/v1/validate")) {
                    validations.add(key);
                    code = 200;
                    answer = "{\"valid\":true}";
                } else if (method.equals("POST") && path.equals("/api/v2/series")) {
                    series.add(body);
                    code = 202;
                    answer = "{\"errors\":[]}";
                } else {
                    code = 404;
                    answer = "{\"errors\":[\"Not found\"]}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(code, bytes.length);
                exchange.getResponseBody().write(bytes);
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
