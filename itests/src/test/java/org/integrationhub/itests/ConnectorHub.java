package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A running distribution with one instance ({@value #NAME}) of a connector the distribution does not ship — the
 * {@link ConnectorJar#dropIn drop-in copy} of the example connector, type {@value ConnectorJar#DROP_IN_TYPE} —
 * configured by an etc/*.cfg factory configuration, subscribed to every event, posting to a {@link NotifyReceiver},
 * whose bundle the test drops into and removes from deploy/: the operator's hot deploy of a third-party plugin.
 */
final class ConnectorHub implements AutoCloseable {

    static final String NAME = "notify-it";
    private static final String ACTION = "/api/v1/integrations/" + NAME + "/actions/notify";

    final HubProcess hub;
    final HubHttp http;
    final NotifyReceiver receiver;
    private final Path deployed;
    private String key;

    ConnectorHub(HubProcess hub, NotifyReceiver receiver) throws IOException {
        this.hub = hub;
        this.http = hub.http();
        this.receiver = receiver;
        this.deployed = hub.home().resolve("deploy/" + ConnectorJar.DROP_IN_TYPE + ".jar");
        Files.writeString(hub.home().resolve("etc/" + ConnectorJar.DROP_IN_PID + "-" + NAME + ".cfg"),
                String.join("\n", "integration.name = " + NAME, "integration.events = *", "url = " + receiver.url(),
                        "quotaPerSecond = 500", ""));
    }

    /**
     * Unpacks the distribution into {@code target/<dirName>}, with a fresh receiver, and starts it: the set-up of
     * every connector distribution test. {@link #close()} stops both.
     */
    static ConnectorHub startIn(String dirName) throws IOException, InterruptedException {
        NotifyReceiver receiver = new NotifyReceiver();
        try {
            Path dir = Paths.get(System.getProperty("project.build.directory", "target"), dirName);
            return new ConnectorHub(HubProcess.unpack(Paths.get(System.getProperty("hub.distribution")), dir),
                    receiver).start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            receiver.close();
            throw e;
        }
    }

    /** Stops the hub and the receiver. */
    @Override
    public void close() throws Exception {
        try {
            hub.stop();
        } finally {
            receiver.close();
        }
    }

    /** Starts the hub, waits until it is healthy and creates the test's API key (first start only). */
    ConnectorHub start() throws IOException, InterruptedException {
        hub.start();
        http.awaitHealthy(Duration.ofSeconds(180));
        if (key == null) {
            key = hub.createKey("connector-it", "--scope", "tickets:read", "--scope", "tickets:write", "--scope",
                    "integrations:read", "--scope", "integrations:execute", "--rate-limit", "unlimited");
        }
        return this;
    }

    /** Puts {@code jar} into deploy/ in one atomic step (written next to it first), replacing what is there. */
    void deploy(Path jar) throws IOException {
        Path staging = hub.home().resolve("staging/" + jar.getFileName());
        Files.createDirectories(staging.getParent());
        Files.copy(jar, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, deployed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void undeploy() throws IOException {
        Files.delete(deployed);
    }

    /** Polls the {@code notify} action every 20 ms until it answers 200; @return the milliseconds it took */
    long awaitCallable(Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        HubHttp.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = http.post(ACTION, key, "{\"text\":\"probe\"}");
            if (last.status == 200) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the connector was not callable within " + timeout + ": last answer " + last);
    }

    HubHttp.Answer callAction() throws IOException, InterruptedException {
        return http.post(ACTION, key, "{\"text\":\"hello\"}");
    }

    JsonNode info() throws IOException, InterruptedException {
        HubHttp.Answer a = http.get("/api/v1/integrations/" + NAME, key);
        assertThat(a.status).as("GET integration: %s", a).isEqualTo(200);
        return a.json;
    }

    /** Polls the integration's REST view until {@code condition} holds; @return that view */
    JsonNode awaitInfo(String what, Predicate<JsonNode> condition, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = info();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("integration never became " + what + " within " + timeout + ": " + last);
    }

    String createTicket(String subject) throws IOException, InterruptedException {
        HubHttp.Answer a = http.post("/api/v1/tickets", key, HubHttp.ticketJson(subject, "normal", "it@example.com"));
        assertThat(a.status).as("create ticket: %s", a).isEqualTo(201);
        return a.json.get("id").asText();
    }

    /** One change of the ticket: alternately a subject update, a priority update and a comment. */
    void change(String ticket, int n) throws IOException, InterruptedException {
        HubHttp.Answer a = switch (n % 3) {
            case 0 -> http.patch("/api/v1/tickets/" + ticket, key, "{\"subject\":\"change " + n + "\"}");
            case 1 -> http.patch("/api/v1/tickets/" + ticket, key, "{\"priority\":\"" + (n % 2 == 0 ? "high" : "low") + "\"}");
            default -> http.post("/api/v1/tickets/" + ticket + "/comments", key,
                    "{\"body\":\"comment " + n + "\",\"author\":{\"name\":\"A\",\"email\":\"a@example.com\"}}");
        };
        assertThat(a.status).as("change %d of %s: %s", n, ticket, a).isIn(200, 201);
    }

    /** @return the ticket's event ids in outbox order, as REST lists them */
    List<String> outbox(String ticket) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        http.get("/api/v1/tickets/" + ticket + "/events", key).json.get("data").forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    /**
     * Waits until every outbox event of every ticket reached the receiver, then checks that each ticket's events
     * were first delivered in outbox order and carried their event id as Idempotency-Key.
     *
     * @return the number of events expected (each delivered at least once)
     */
    int awaitAllDeliveredInOrder(Collection<String> tickets, Duration timeout) throws IOException, InterruptedException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String t : tickets) {
            expected.put(t, outbox(t));
        }
        int total = expected.values().stream().mapToInt(List::size).sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!complete(expected, receiver.firstDeliveryOrder()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Map<String, List<String>> got = receiver.firstDeliveryOrder();
        List<String> missing = new ArrayList<>();
        expected.forEach((t, ids) -> ids.stream().filter(id -> !got.getOrDefault(t, List.of()).contains(id))
                .forEach(id -> missing.add(t + "/" + id)));
        assertThat(missing).as("events never delivered (of %d; queue: %s)", total, info().path("stats")).isEmpty();
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            assertThat(got.get(e.getKey())).as("first-delivery order of ticket %s", e.getKey())
                    .containsExactlyElementsOf(e.getValue());
        }
        assertThat(receiver.events()).allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo(r.eventId()));
        assertThat(receiver.malformed()).as("malformed posts").isZero();
        return total;
    }

    private static boolean complete(Map<String, List<String>> expected, Map<String, List<String>> got) {
        return expected.entrySet().stream()
                .allMatch(e -> got.getOrDefault(e.getKey(), List.of()).containsAll(e.getValue()));
    }

    /** Lines of karaf.log worth showing when a test fails. */
    String logExcerpt() throws IOException {
        return log(l -> l.contains("ERROR") || l.contains("WARN") || l.contains("ntegration"));
    }

    /** @return ERROR lines logged by hub bundles (incl. the connector) and stack frames of hub code */
    String hubErrors() throws IOException {
        return log(l -> (l.contains("| ERROR |") && l.contains("- org.integrationhub.")) || l.contains("at org.integrationhub."));
    }

    private String log(Predicate<String> filter) throws IOException {
        Path log = hub.home().resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log).lines().filter(filter).reduce("", (a, b) -> a + b + "\n") : "";
    }
}
