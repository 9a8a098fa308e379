package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Cluster mode (docs/clustering.md) with two real hub processes on one PostgreSQL schema, kept in step by Karaf
 * Cellar over loopback: both nodes see each other; a connector instance configured on node A appears on node B;
 * tickets created and changed through both nodes produce every webhook delivery and connector event, in order per
 * ticket and, in normal operation, each webhook-id once; a connector jar dropped into A's deploy/ becomes callable on
 * B; then {@code kill -9} of node A while tickets keep coming:
 * node B finishes every delivery within the lease time, nothing is lost. Each node boots once.
 *
 */
class ClusterIT {

    private static final String PG_URL = System.getenv().getOrDefault("HUB_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getenv().getOrDefault("HUB_TEST_PG_USER", "postgres");
    /**
     * How long a killed node's work may wait for the survivor: the node timeout (15 s: the relay lease, and how long
     * a node that stopped beating is taken for alive; its claims then go back to the claim path), one beat (5 s), and
     * time to drain the burst on this 2-core machine. Well within the claims' own lease (leaseSeconds, 120 s).
     */
    private static final Duration FAILOVER = Duration.ofSeconds(15 + 5 + 40);
    private static final int TICKETS = 20;

    @Test
    void twoNodesShareWorkAndSurviveKill9OfOne() throws Exception {
        String schema = freshSchema();
        Path archive = Paths.get(System.getProperty("hub.distribution"));
        Path target = Paths.get(System.getProperty("project.build.directory", "target"));
        int portA = freePort();
        int portB = freePort();
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        byte[] keyBytes = new byte[32];
        new SecureRandom().nextBytes(keyBytes);
        String webhookKey = Base64.getEncoder().encodeToString(keyBytes); // the same secret key file on every node
        HubProcess a = node(archive, target.resolve("cluster-a"), schema, members, portA, webhookKey);
        HubProcess b = node(archive, target.resolve("cluster-b"), schema, members, portB, webhookKey);
        try (WebhookReceiver hooks = new WebhookReceiver(); NotifyReceiver notify = new NotifyReceiver();
                NotifyReceiver droppedNotify = new NotifyReceiver()) {
            a.start();
            a.http().awaitHealthy(Duration.ofSeconds(180)); // A migrates the schema first
            b.start();
            b.http().awaitHealthy(Duration.ofSeconds(180));
            assertThat(a.client("feature:install hub-cluster")).doesNotContain("Error");
            assertThat(b.client("feature:install hub-cluster")).doesNotContain("Error");
            await("both nodes in cluster:node-list of A and B", Duration.ofSeconds(120), () ->
                    listsBoth(a, portA, portB) && listsBoth(b, portA, portB));

            // a connector instance configured on A appears on B (Cellar's configuration sync)
            // quotaPerSecond: the burst below is paced by the connector's quota (throttled deliveries wait their turn);
            // 50/s keeps that pace from hiding how long the failover itself takes
            String added = a.client("hub:integration-add http-notify clustered url=" + notify.url() + " quotaPerSecond=50");
            assertThat(added).contains("Integration clustered (http-notify) created");
            await("the instance configured on A listed on B", Duration.ofSeconds(60), () ->
                    output(b, "hub:integration-list").contains("clustered"));
            assertThat(Files.readString(b.home().resolve("etc/org.integrationhub.connector.httpnotify-clustered.cfg")))
                    .contains("url = " + notify.url());

            // a plugin jar dropped into A's deploy/ becomes callable on B (Cellar's bundle sync installs it there from
            // the location A reports: the same file here; several machines need a shared deploy/ or mvn: URLs)
            Path jar = ConnectorJar.dropIn(target.resolve("cluster-jars/" + ConnectorJar.DROP_IN_TYPE + ".jar"));
            Files.copy(jar, a.home().resolve("deploy/" + jar.getFileName()));
            // Cellar's bundle listener on A has missed a jar dropped right after the join (once in five runs); the
            // operator's remedy, documented in clustering.md, is to install it in the cluster group explicitly
            Path dropped = a.home().resolve("deploy/" + jar.getFileName()).toAbsolutePath();
            if (!within(Duration.ofSeconds(60), () -> output(b, "hub:integration-types").contains(ConnectorJar.DROP_IN_TYPE))) {
                System.out.println("ClusterIT: the dropped jar had not reached B after 60 s; cluster:bundle-install on A");
                System.out.println(a.client("cluster:bundle-install -s default file:" + dropped));
            }
            await("the connector type dropped on A installed on B", Duration.ofSeconds(60), () ->
                    output(b, "hub:integration-types").contains(ConnectorJar.DROP_IN_TYPE));
            assertThat(b.client("hub:integration-add " + ConnectorJar.DROP_IN_TYPE + " dropped url=" + droppedNotify.url()
                    + " integration.events=ticket.closed")).contains("Integration dropped (" + ConnectorJar.DROP_IN_TYPE + ") created");
            await("the dropped connector callable on B", Duration.ofSeconds(60), () -> {
                output(b, "hub:integration-exec dropped notify text=hello");
                return droppedNotify.notifies() > 0;
            });

            // keys and webhook endpoints live in the shared database: created on A, used on B
            String key = a.createKey("cluster-it", "--scope", "tickets:read", "--scope", "tickets:write",
                    "--scope", "webhooks:manage", "--rate-limit", "unlimited");
            HubHttp.Answer endpoint = b.http().post("/api/v1/webhooks", key,
                    "{\"url\":\"" + hooks.url() + "\",\"events\":[\"*\"],\"description\":\"cluster\"}");
            assertThat(endpoint.status).as(endpoint.toString()).isEqualTo(201);
            hooks.secret = endpoint.json.get("secret").asText();
            // any node answers at once for an endpoint created on another, and its relay sends it every event
            // committed from now on (the nodes' endpoint caches follow the endpoints' version in the database)
            String endpointPath = "/api/v1/webhooks/" + endpoint.json.get("id").asText();
            assertThat(status(a, endpointPath, key)).as("the endpoint created on B, read on A").isEqualTo(200);

            // normal operation: tickets created on one node, changed on the other
            List<String> tickets = new ArrayList<>();
            for (int i = 0; i < TICKETS; i++) {
                HubProcess creator = i % 2 == 0 ? a : b;
                HubProcess changer = i % 2 == 0 ? b : a;
                HubHttp.Answer created = creator.http().post("/api/v1/tickets", key,
                        HubHttp.ticketJson("cluster " + i, "normal", "c" + i + "@example.com"));
                assertThat(created.status).as(created.toString()).isEqualTo(201);
                String id = created.json.get("id").asText();
                tickets.add(id);
                assertThat(changer.http().patch("/api/v1/tickets/" + id, key, "{\"priority\":\"high\"}").status).isEqualTo(200);
                assertThat(creator.http().patch("/api/v1/tickets/" + id, key, "{\"status\":\"pending\"}").status).isEqualTo(200);
            }
            Map<String, List<String>> expected = expectedEvents(a.http(), key, tickets);
            int expectedCount = expected.values().stream().mapToInt(List::size).sum();
            await("every webhook delivery and connector event of the " + TICKETS + " tickets", Duration.ofSeconds(120),
                    () -> arrivedAll(hooks, notify, expected));
            assertThat(hooks.rejected).isEmpty();
            assertInOrder(hooks, notify, expected);
            assertThat(hooks.arrivals).as("each webhook-id once in normal operation").hasSize(expectedCount);

            // kill -9 of A while tickets keep coming through both nodes
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<Throwable> writerErrors = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (HubProcess node : List.of(a, b)) {
                Thread t = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            HubHttp.Answer r = node.http().post("/api/v1/tickets", key,
                                    HubHttp.ticketJson("burst " + i, "low", "burst@example.com"));
                            if (r.status == 201) {
                                acknowledged.add(r.json.get("id").asText());
                            }
                        } catch (Exception e) {
                            if (node == b) {
                                writerErrors.add(e);
                            }
                            return; // A is gone
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            await("a burst under way", Duration.ofSeconds(60), () -> acknowledged.size() >= 40);
            a.killHard();
            long killedNanos = System.nanoTime();
            Thread timeline = timeline(schema, hooks, killedNanos);
            int atKill = acknowledged.size();
            await("more tickets through B after the kill", Duration.ofSeconds(60), () -> acknowledged.size() >= atKill + 20);
            stop.set(true);
            for (Thread t : writers) {
                t.join(30_000);
            }
            assertThat(writerErrors).as("node B's writer").isEmpty();
            Map<String, List<String>> burst = expectedEvents(b.http(), key, new ArrayList<>(acknowledged));
            long stoppedAt = System.nanoTime();
            await("every delivery of the " + acknowledged.size() + " burst tickets through B alone", FAILOVER,
                    () -> arrivedAll(hooks, notify, burst));
            timeline.interrupt();
            System.out.printf("ClusterIT: %d burst tickets, all delivered %d s after the burst stopped, %d s after the"
                    + " kill (limit %d s)%n", acknowledged.size(), Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds(),
                    Duration.ofNanos(System.nanoTime() - killedNanos).toSeconds(), FAILOVER.toSeconds());
            assertThat(hooks.rejected).isEmpty();
            assertInOrder(hooks, notify, burst);
        } finally {
            a.stop();
            b.stop();
        }
    }

    private static HubProcess node(Path archive, Path dir, String schema, String members, int clusterPort, String webhookKey)
            throws Exception {
        HubProcess hub = HubProcess.unpack(archive, dir);
        hub.usePostgres(PG_URL + "?currentSchema=" + schema, PG_USER);
        Files.writeString(dir.resolve("etc/org.integrationhub.webhooks.cfg"),
                "allowedNetworks = 127.0.0.0/8\nretryDelayMillis = 300\nmaxRetries = 8\n");
        Files.writeString(dir.resolve("etc/hub-webhook-secrets.key"), webhookKey + "\n");
        hub.environment("HUB_CLUSTER_MEMBERS", members);
        hub.environment("HUB_CLUSTER_PORT", Integer.toString(clusterPort));
        hub.environment("HUB_CLUSTER_NAME", "cluster-it-" + schema);
        return hub;
    }

    /** Prints, every 2 s, where the deliveries stand in the database: what a slow failover waits on. */
    private static Thread timeline(String schema, WebhookReceiver hooks, long since) {
        Thread t = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(PG_URL + "?currentSchema=" + schema, PG_USER, "")) {
                while (!Thread.currentThread().isInterrupted()) {
                    StringBuilder line = new StringBuilder("ClusterIT t+" + Duration.ofNanos(System.nanoTime() - since).toSeconds() + "s");
                    try (var rs = c.createStatement().executeQuery("SELECT status, kind,"
                            + " CASE WHEN locked_until > now() THEN 'leased' ELSE 'free' END, count(*),"
                            + " min(next_attempt_at) FROM delivery WHERE status = 'PENDING' GROUP BY 1, 2, 3")) {
                        while (rs.next()) {
                            line.append(" | ").append(rs.getString(2)).append(' ').append(rs.getString(3)).append('=')
                                    .append(rs.getInt(4)).append(" due ").append(rs.getTimestamp(5));
                        }
                    }
                    try (var rs = c.createStatement().executeQuery("SELECT position, owner, lease_until,"
                            + " (SELECT max(seq) FROM outbox_event) FROM delivery_relay")) {
                        rs.next();
                        line.append(" | relay pos ").append(rs.getLong(1)).append('/').append(rs.getLong(4))
                                .append(" owner ").append(rs.getString(2)).append(" until ").append(rs.getTimestamp(3));
                    }
                    line.append(" | webhook arrivals ").append(hooks.arrivals.size());
                    System.out.println(line);
                    Thread.sleep(2000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                System.out.println("ClusterIT timeline stopped: " + e);
            }
        }, "cluster-timeline");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static boolean listsBoth(HubProcess hub, int portA, int portB) {
        String out = output(hub, "cluster:node-list");
        return out.contains("127.0.0.1:" + portA) && out.contains("127.0.0.1:" + portB);
    }

    private static int status(HubProcess hub, String path, String key) {
        try {
            return hub.http().get(path, key).status;
        } catch (Exception e) {
            return -1;
        }
    }

    /** @return the shell output of a command, or empty when the client could not run it (yet) */
    private static String output(HubProcess hub, String command) {
        try {
            return hub.client(command);
        } catch (Exception e) {
            return "";
        }
    }

    /** @return per ticket, its event ids in the order of its change log */
    private static Map<String, List<String>> expectedEvents(HubHttp http, String key, List<String> tickets) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String id : tickets) {
            JsonNode events = http.get("/api/v1/tickets/" + id + "/events", key).json.get("data");
            List<String> ids = new ArrayList<>();
            events.forEach(e -> ids.add(e.get("id").asText()));
            assertThat(ids).as("events of ticket %s", id).isNotEmpty();
            out.put(id, ids);
        }
        return out;
    }

    private static boolean arrivedAll(WebhookReceiver hooks, NotifyReceiver notify, Map<String, List<String>> expected) {
        Map<String, Set<String>> webhook = new HashMap<>();
        hooks.arrivals.forEach(x -> webhook.computeIfAbsent(x.ticketId(), t -> new LinkedHashSet<>()).add(x.webhookId()));
        Map<String, List<String>> connector = notify.firstDeliveryOrder();
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            if (!webhook.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue())
                    || !connector.getOrDefault(e.getKey(), List.of()).containsAll(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The first arrival of each event keeps the ticket's order, at the webhook receiver and at the connector's. */
    private static void assertInOrder(WebhookReceiver hooks, NotifyReceiver notify, Map<String, List<String>> expected) {
        Map<String, List<String>> connector = notify.firstDeliveryOrder();
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            List<String> webhook = new ArrayList<>(new LinkedHashSet<>(hooks.arrivalsOf(e.getKey())));
            assertThat(webhook).as("webhook order of ticket %s", e.getKey()).containsExactlyElementsOf(e.getValue());
            assertThat(connector.get(e.getKey())).as("connector order of ticket %s", e.getKey())
                    .containsExactlyElementsOf(e.getValue());
        }
    }

    /** @return whether the condition held within the limit */
    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        if (!within(limit, condition)) {
            throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for: " + what);
        }
    }

    private static String freshSchema() {
        String schema = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at " + PG_URL + ": " + e.getMessage());
        }
        return schema;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
