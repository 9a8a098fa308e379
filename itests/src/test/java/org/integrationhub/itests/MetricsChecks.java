package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * GET /metrics on a running hub (CONTRACT "Metrics"): 401 and 403 as problem+json, the text exposition with a
 * {@code metrics:read} key (X-API-Key and Bearer), the ticket and delivery figures after tickets and a webhook
 * delivery, and the exposition parsed by promtool (Prometheus's own parser) where it is installed.
 */
final class MetricsChecks {

    private final HubProcess hub;
    private final HubHttp http;
    private final HttpClient client = HttpClient.newHttpClient();

    MetricsChecks(HubProcess hub, HubHttp http) {
        this.hub = hub;
        this.http = http;
    }

    /** @param otherKey a key without {@code metrics:read} */
    void refusesWithoutTheScope(String otherKey) throws Exception {
        HubHttp.Answer none = http.get("/metrics", null);
        WebhookApiChecks.assertProblem(none, 401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer realm=");
        WebhookApiChecks.assertProblem(http.get("/metrics", "hub_not_a_key"), 401);
        HubHttp.Answer forbidden = http.get("/metrics", otherKey);
        WebhookApiChecks.assertProblem(forbidden, 403);
        assertThat(forbidden.header("WWW-Authenticate")).contains("insufficient_scope").contains("metrics:read");
    }

    /** @return the exposition, once {@code expected} (sample name with labels → value) all show in it */
    String awaitValues(String metricsKey, Map<String, Double> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = null;
        Map<String, Double> samples = Map.of();
        while (System.nanoTime() < deadline) {
            HubHttp.Answer a = http.get("/metrics", metricsKey);
            assertThat(a.status).as(a.toString()).isEqualTo(200);
            assertThat(a.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            body = a.raw.body();
            samples = samples(body);
            Map<String, Double> seen = samples;
            if (expected.entrySet().stream().allMatch(e -> e.getValue().equals(seen.get(e.getKey())))) {
                return body;
            }
            Thread.sleep(500); // the database figures are cached for cacheSeconds (5 s by default)
        }
        Map<String, Double> seen = new HashMap<>();
        for (String name : expected.keySet()) {
            seen.put(name, samples.get(name));
        }
        throw new AssertionError("expected " + expected + " but the exposition had " + seen + "\n" + body);
    }

    /** The same scrape with {@code Authorization: Bearer <key>}. */
    void bearerWorksToo(String metricsKey) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base() + "/metrics"))
                .header("Authorization", "Bearer " + metricsKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("# TYPE hub_tickets_open gauge");
    }

    /** promtool check metrics: no parse error, no lint finding; skipped where promtool is not installed. */
    static void promtoolAccepts(String exposition, Path dir) throws Exception {
        String promtool = promtool();
        if (promtool == null) {
            System.err.println("MetricsChecks: promtool not installed; the exposition was not checked with it");
            return;
        }
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, exposition);
        Process p = new ProcessBuilder(promtool, "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("promtool's findings").isEmpty();
        assertThat(p.exitValue()).isZero();
    }

    /** @return the path of promtool on the PATH (or in /usr/bin), or null */
    private static String promtool() {
        String path = System.getenv("PATH");
        for (String dir : ((path == null ? "" : path) + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, "promtool");
            if (!dir.isEmpty() && f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** @return every sample line as {@code name{labels}} → value (comments skipped) */
    static Map<String, Double> samples(String exposition) {
        Map<String, Double> out = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)
                    .replace("+Inf", "Infinity").replace("-Inf", "-Infinity")));
        }
        return out;
    }

    private String base() throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(hub.home().resolve("etc/org.ops4j.pax.web.cfg"))) {
            p.load(in);
        }
        return "http://127.0.0.1:" + p.getProperty("org.osgi.service.http.port").trim();
    }
}
