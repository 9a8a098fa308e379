package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Webhooks in the running distribution: the REST contract over HTTP, shell registration, every delivery verified by
 * com.standardwebhooks and the legacy header, {@code kill -9} mid-stream and restart (nothing lost, same ids, per-ticket
 * order), and the SSRF guard once the operator no longer allows loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookDistributionIT {

    private static final Pattern SECRET = Pattern.compile("secret:\\s+(whsec_\\S+)");
    private static final Pattern ID = Pattern.compile("id:\\s+(\\S+)");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private HubProcess hub;
    private HubHttp http;
    private String key;
    private final WebhookReceiver receiver = new WebhookReceiver();

    WebhookDistributionIT() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        Path dir = Paths.get(System.getProperty("project.build.directory", "target"), "webhooks-it");
        hub = HubProcess.unpack(Paths.get(System.getProperty("hub.distribution")), dir);
        Files.writeString(dir.resolve("etc/org.integrationhub.webhooks.cfg"),
                "allowedNetworks = 127.0.0.0/8\nretryDelayMillis = 300\nmaxRetries = 8\n");
        hub.start();
        http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(120));
        key = hub.createKey("webhook-it", "--scope", "tickets:read", "--scope", "tickets:write", "--scope",
                "webhooks:manage", "--rate-limit", "unlimited");
    }

    @AfterAll
    void stop() throws Exception {
        receiver.close();
        if (hub != null) {
            hub.stop();
        }
    }

    /** GET /metrics on a fresh hub: refusals, then the figures after two tickets and their webhook deliveries. */
    @Test
    @Order(0)
    void prometheusMetricsCountTicketsAndWebhookDeliveries(@TempDir Path dir) throws Exception {
        MetricsChecks metrics = new MetricsChecks(hub, http);
        metrics.refusesWithoutTheScope(key);
        String metricsKey = hub.createKey("metrics-it", "--scope", "metrics:read");
        try (WebhookReceiver own = new WebhookReceiver()) {
            HubHttp.Answer endpoint = http.post("/api/v1/webhooks", key, "{\"url\":\"" + own.url()
                    + "\",\"events\":[\"ticket.created\"],\"description\":\"metrics\"}");
            assertThat(endpoint.status).as(endpoint.toString()).isEqualTo(201);
            own.secret = endpoint.json.get("secret").asText();
            assertThat(http.post("/api/v1/tickets", key, HubHttp.ticketJson("Metrics one", "urgent", "m1@example.com"))
                    .status).isEqualTo(201);
            assertThat(http.post("/api/v1/tickets", key, HubHttp.ticketJson("Metrics two", "low", "m2@example.com"))
                    .status).isEqualTo(201);
            awaitTrue("both deliveries arrived", () -> own.arrivals.size() >= 2);
            String text = metrics.awaitValues(metricsKey, Map.of("hub_tickets_open", 2.0,
                    "hub_tickets_open_by_priority{priority=\"urgent\"}", 1.0,
                    "hub_tickets_open_by_priority{priority=\"low\"}", 1.0,
                    "hub_delivery_outcomes_total{kind=\"webhook\",outcome=\"delivered\"}", 2.0,
                    "hub_delivery_queue_depth{kind=\"webhook\"}", 0.0,
                    "hub_metrics_source_up{source=\"tickets\"}", 1.0,
                    "hub_metrics_source_up{source=\"connectors\"}", 1.0));
            Map<String, Double> samples = MetricsChecks.samples(text);
            assertThat(samples.get("hub_http_requests_total{status=\"4xx\"}")).isGreaterThanOrEqualTo(3.0);
            assertThat(samples.get("hub_http_requests_total{status=\"2xx\"}")).isGreaterThanOrEqualTo(3.0);
            assertThat(samples).containsKey("jvm_memory_used_bytes{area=\"heap\"}");
            assertThat(samples.get("process_resident_memory_bytes")).isPositive();
            metrics.bearerWorksToo(metricsKey);
            MetricsChecks.promtoolAccepts(text, dir);
            assertThat(http.send("DELETE", "/api/v1/webhooks/" + endpoint.json.get("id").asText(), key, null).status)
                    .isEqualTo(204);
        }
    }

    @Test
    @Order(1)
    void restContract() throws Exception {
        try (WebhookReceiver own = new WebhookReceiver()) {
            WebhookApiChecks api = new WebhookApiChecks(http, key, own);
            api.createShowsTheSecretOnlyOnce();
            api.patchAndRotate();
            api.deliveriesRedeliverAndReplay(this::awaitTrue);
            api.validationAndNotFound();
            api.privateTargetsAreRefused();
            api.delete();
        }
    }

    @Test
    @Order(2)
    void everyEventOfEveryTicketSurvivesKill9InOrder() throws Exception {
        String endpoint = webhook(receiver.url(), "crash-stream", receiver);
        assertThat(hub.client("hub:webhook-test " + endpoint)).contains("HTTP 200");

        Set<String> tickets = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger changes = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        HubHttp.Answer a = http.post("/api/v1/tickets", key,
                                HubHttp.ticketJson("stream " + writer + "-" + i, "normal", "w" + writer + "@example.com"));
                        if (a.status != 201) {
                            continue;
                        }
                        String ticket = a.json.get("id").asText();
                        tickets.add(ticket);
                        http.patch("/api/v1/tickets/" + ticket, key, "{\"priority\":\"high\"}");
                        http.patch("/api/v1/tickets/" + ticket, key, "{\"status\":\"pending\"}");
                        changes.addAndGet(3);
                    } catch (Exception e) {
                        return; // the hub is gone
                    }
                }
            });
            t.start();
            writers.add(t);
        }
        awaitTrue("a stream under way", () -> changes.get() >= 150 && receiver.arrivals.size() >= 60);
        hub.killHard(); // mid-stream: writers are sending, deliveries are in flight
        int arrivedBeforeKill = receiver.arrivals.size();
        stop.set(true);
        for (Thread t : writers) {
            t.join(30_000);
        }
        hub.start();
        http.awaitHealthy(Duration.ofSeconds(120));

        Map<String, List<String>> expected = new java.util.HashMap<>();
        for (String ticket : tickets) {
            List<String> ids = new ArrayList<>();
            for (JsonNode e : http.get("/api/v1/tickets/" + ticket + "/events", key).json.get("data")) {
                ids.add(e.get("id").asText());
            }
            expected.put(ticket, ids);
        }
        Set<String> all = new HashSet<>();
        expected.values().forEach(all::addAll);
        awaitTrue("every event delivered after the restart", () -> receiver.bodiesById.keySet().containsAll(all));

        assertThat(receiver.rejected).as("deliveries failing verification").isEmpty();
        assertThat(all).hasSizeGreaterThanOrEqualTo(tickets.size());
        for (Map.Entry<String, List<String>> t : expected.entrySet()) {
            List<String> order = t.getValue();
            int highest = -1;
            for (String arrived : receiver.arrivalsOf(t.getKey())) {
                int index = order.indexOf(arrived);
                assertThat(index).as("event %s of ticket %s is one of its events", arrived, t.getKey()).isNotNegative();
                // at-least-once: the latest event may repeat, but nothing older arrives after a newer one
                assertThat(index).as("order of ticket %s: %s", t.getKey(), receiver.arrivalsOf(t.getKey()))
                        .isGreaterThanOrEqualTo(highest);
                highest = index;
            }
        }
        receiver.bodiesById.forEach((id1, bodies) ->
                assertThat(new HashSet<>(bodies)).as("same webhook-id, same body: %s", id1).hasSize(1));
        System.out.printf("tickets %d, events %d, arrivals %d (%d before the kill, duplicates %d)%n", tickets.size(),
                all.size(), receiver.arrivals.size(), arrivedBeforeKill,
                receiver.arrivals.size() - receiver.bodiesById.size());
    }

    /**
     * An endpoint that accepts connections and never answers (until the 30 s timeout) gets one attempt in flight per
     * ticket; with more tickets than the node's 256 slots it used to hold every one of them, and every other endpoint
     * waited for its timeouts. Now it is set aside after 2 s and the others get everything long before that timeout.
     */
    @Test
    @Order(3)
    void anEndpointThatHangsDoesNotHoldTheOthersUp() throws Exception {
        int tickets = 300;
        try (ServerSocket hanging = new ServerSocket(0, 500, InetAddress.getLoopbackAddress());
                WebhookReceiver healthy = new WebhookReceiver()) {
            List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hanging.accept()); // reads nothing, answers nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            String hangingId = webhook("http://127.0.0.1:" + hanging.getLocalPort() + "/hook", "hangs", null);
            webhook(healthy.url(), "healthy", healthy);

            Set<String> created = ConcurrentHashMap.newKeySet();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    for (int i = writer; i < tickets; i += 4) {
                        try {
                            HubHttp.Answer a = http.post("/api/v1/tickets", key,
                                    HubHttp.ticketJson("hang " + i, "normal", "hang@example.com"));
                            if (a.status == 201) {
                                created.add(a.json.get("id").asText());
                            }
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            for (Thread t : writers) {
                t.join(60_000);
            }
            assertThat(created).hasSize(tickets);
            Instant lastCreate = Instant.now();
            Instant end = lastCreate.plusSeconds(20); // the hanging endpoint's attempts time out after 30 s
            while (!arrivedTickets(healthy).containsAll(created) && Instant.now().isBefore(end)) {
                Thread.sleep(100);
            }
            long took = Duration.between(lastCreate, Instant.now()).toMillis();
            assertThat(arrivedTickets(healthy).stream().filter(created::contains).count())
                    .as("tickets the healthy endpoint got while the other hung").isEqualTo(tickets);
            assertThat(healthy.rejected).isEmpty();
            assertThat(held).as("connections the hanging endpoint holds").isNotEmpty();
            String log = Files.readString(hub.home().resolve("data/log/karaf.log"));
            assertThat(log).contains("webhook|" + hangingId + " holds").contains("set aside");
            System.out.printf("healthy endpoint: %d tickets within %d ms of the last create; hanging endpoint "
                    + "holds %d connections%n", tickets, took, held.size());

            assertThat(http.send("DELETE", "/api/v1/webhooks/" + hangingId, key, null).status).isEqualTo(204);
            hanging.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
            acceptor.join(5_000);
        }
    }

    private static Set<String> arrivedTickets(WebhookReceiver receiver) {
        Set<String> tickets = new HashSet<>();
        receiver.arrivals.forEach(a -> tickets.add(a.ticketId()));
        return tickets;
    }

    /** Registers an endpoint for every event type; with a receiver, hands it the signing secret. */
    private String webhook(String url, String description, WebhookReceiver receiver) throws Exception {
        String out = hub.client("hub:webhook-add " + url + " --description " + description);
        Matcher secret = SECRET.matcher(out);
        Matcher id = ID.matcher(out);
        assertThat(secret.find() && id.find()).as(out).isTrue();
        if (receiver != null) {
            receiver.secret = secret.group(1);
        }
        return id.group(1);
    }

    @Test
    @Order(4)
    void loopbackAndNamesResolvingToItAreRefusedOnceNoLongerAllowed() throws Exception {
        Files.writeString(hub.home().resolve("etc/org.integrationhub.webhooks.cfg"),
                "allowedNetworks = 198.51.100.0/24\n");
        awaitTrue("the new configuration in effect", () -> {
            try {
                return http.post("/api/v1/webhooks", key, "{\"url\":\"http://localhost:9/hook\",\"events\":[\"*\"]}")
                        .status == 422;
            } catch (Exception e) {
                return false;
            }
        });
        for (String url : List.of("http://127.0.0.1:9/hook", "http://localhost/hook",
                "http://[::1]/hook")) {
            HubHttp.Answer a = http.post("/api/v1/webhooks", key, "{\"url\":\"" + url + "\",\"events\":[\"*\"]}");
            WebhookApiChecks.assertProblem(a, 422);
            assertThat(a.json.get("errors").get(0).get("field").asText()).isEqualTo("url");
        }
    }

    @Test
    @Order(5)
    void theApiKeepsAnsweringWhileAContributedResourceComesAndGoes() throws Exception {
        String id = http.post("/api/v1/tickets", key, HubHttp.ticketJson("hot swap", "normal", "swap@example.com"))
                .json.get("id").asText();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        HubHttp.Answer a = http.get("/api/v1/tickets/" + id, key);
                        if (a.status != 200) {
                            failures.add(a.toString());
                        }
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            t.start();
            readers.add(t);
        }
        // each stop and start removes and adds the webhook resources: the REST application is rebuilt twice
        for (int i = 0; i < 3; i++) {
            hub.client("bundle:stop org.integrationhub.webhooks");
            awaitTrue("the webhook API gone", () -> status("/api/v1/webhooks") == 404);
            hub.client("bundle:start org.integrationhub.webhooks");
            awaitTrue("the webhook API back", () -> status("/api/v1/webhooks") == 200);
        }
        stop.set(true);
        for (Thread t : readers) {
            t.join(30_000);
        }
        assertThat(answered.get()).isGreaterThan(100);
        assertThat(failures).as("answers other than 200 while the application was rebuilt (%d requests)",
                answered.get()).isEmpty();
    }

    private int status(String path) {
        try {
            return http.get(path, key).status;
        } catch (Exception e) {
            return -1;
        }
    }

    private void awaitTrue(String what, BooleanSupplier condition) {
        Instant end = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
