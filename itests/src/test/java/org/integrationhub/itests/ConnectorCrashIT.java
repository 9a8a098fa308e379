package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * kill -9 of the hub while events wait for an absent connector: after a restart with the connector's jar back in
 * deploy/, every event reaches the receiver, in order per ticket — including those of tickets whose earlier
 * events had been delivered before the connector left.
 */
class ConnectorCrashIT {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);

    private ConnectorHub hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void eventsPendingForAnAbsentConnectorSurviveKill9() throws Exception {
        hub = ConnectorHub.startIn("connector-crash-it");
        Path jar = ConnectorJar.dropIn(hub.hub.home().resolve("jars/" + ConnectorJar.DROP_IN_TYPE + ".jar"));

        hub.deploy(jar);
        hub.awaitCallable(DEPLOY_TIMEOUT);
        List<String> tickets = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String id = hub.createTicket("before crash " + t);
            hub.change(id, 0);
            tickets.add(id);
        }
        int deliveredBefore = hub.awaitAllDeliveredInOrder(tickets, Duration.ofSeconds(60));

        hub.undeploy();
        hub.awaitInfo("OFFLINE", i -> i.get("status").asText().equals("OFFLINE"), DEPLOY_TIMEOUT);
        Thread.sleep(1000); // calls in flight at the removal finish
        int received = hub.receiver.eventCount();
        for (String id : List.copyOf(tickets)) {
            for (int n = 1; n <= 3; n++) {
                hub.change(id, n);
            }
        }
        for (int t = 0; t < 3; t++) {
            String id = hub.createTicket("while absent " + t);
            hub.change(id, 1);
            tickets.add(id);
        }
        int pending = 4 * 3 + 3 * 2;
        JsonNode waiting = hub.awaitInfo("queue depth " + pending,
                i -> i.get("stats").get("queue_depth").asLong() >= pending, Duration.ofSeconds(30));
        assertThat(waiting.get("status").asText()).isEqualTo("OFFLINE");
        assertThat(hub.receiver.eventCount()).as("events delivered while the connector was absent").isEqualTo(received);

        hub.hub.killHard();
        hub.deploy(jar); // back in deploy/ before the restart
        hub.start();
        hub.awaitCallable(DEPLOY_TIMEOUT);
        int total = hub.awaitAllDeliveredInOrder(tickets, Duration.ofSeconds(120));
        assertThat(total).isEqualTo(deliveredBefore + pending);
        System.out.printf("after kill -9: %d events expected, %d posts received%n", total, hub.receiver.eventCount());
    }
}
