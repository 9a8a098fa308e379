package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * kill -9 of the hub in the middle of a burst of ticket creations, then a restart: every ticket that was
 * acknowledged with 201 must be there, with its ticket.created event in the outbox — on H2 and on PostgreSQL.
 */
class CrashRecoveryIT {

    private static final String PG_URL = System.getenv().getOrDefault("HUB_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getenv().getOrDefault("HUB_TEST_PG_USER", "postgres");
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;
    private static final int WRITERS = 4;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void everyAcknowledgedTicketSurvivesKill9(String database) throws Exception {
        Path archive = Paths.get(System.getProperty("hub.distribution"));
        Path dir = Paths.get(System.getProperty("project.build.directory", "target"), "crash-" + database);
        HubProcess hub = HubProcess.unpack(archive, dir);
        if (database.equals("postgresql")) {
            hub.usePostgres(PG_URL + "?currentSchema=" + freshSchema(), PG_USER);
        }
        try {
            hub.start();
            HubHttp http = hub.http();
            http.awaitHealthy(Duration.ofSeconds(120));
            String key = hub.createKey("crash-test", "--scope", "tickets:read", "--scope", "tickets:write", "--rate-limit", "unlimited");

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            HubHttp.Answer a = http.post("/api/v1/tickets", key,
                                    HubHttp.ticketJson("crash " + writer + "-" + i, "high", "w" + writer + "@example.com"));
                            if (a.status == 201) {
                                acknowledged.add(a.json.get("id").asText());
                                enough.countDown();
                            }
                        } catch (Exception e) {
                            return; // the hub is gone
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            enough.await();
            hub.killHard(); // while the writers are still sending
            stop.set(true);
            for (Thread t : writers) {
                t.join(30_000);
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

            hub.start();
            http.awaitHealthy(Duration.ofSeconds(120));
            List<String> missing = new ArrayList<>();
            List<String> withoutEvent = new ArrayList<>();
            for (String id : acknowledged) {
                HubHttp.Answer a = http.get("/api/v1/tickets/" + id, key);
                if (a.status != 200) {
                    missing.add(id + " → " + a);
                    continue;
                }
                JsonNode events = http.get("/api/v1/tickets/" + id + "/events", key).json.get("data");
                if (events.size() != 1 || !events.get(0).get("type").asText().equals("ticket.created")) {
                    withoutEvent.add(id + " → " + events);
                }
            }
            assertThat(missing).as("acknowledged tickets lost by kill -9 (%d acknowledged)", acknowledged.size()).isEmpty();
            assertThat(withoutEvent).as("tickets whose outbox event is missing").isEmpty();
        } finally {
            hub.stop();
        }
    }

    private static String freshSchema() {
        String schema = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at " + PG_URL + ": " + e.getMessage());
        }
        return schema;
    }
}
