package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 3's hot-deploy scenario against the real distribution: a connector's jar dropped into deploy/ (one the
 * distribution does not ship: {@link ConnectorJar#dropIn}) becomes callable over REST; ticket events stream from a writer thread while the jar is replaced by a new
 * version and then removed for a while (its events wait: OFFLINE, queue depth &gt; 0) and put back. Every event
 * reaches the loopback receiver at least once, none is lost, and each ticket's events arrive in outbox order.
 */
class HotDeployConnectorIT {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_TICKETS = 12;

    private ConnectorHub hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void replacingAndRemovingTheJarWhileEventsFlowLosesNone() throws Exception {
        hub = ConnectorHub.startIn("hotdeploy-it");
        Path v1 = ConnectorJar.dropIn(hub.hub.home().resolve("jars/" + ConnectorJar.DROP_IN_TYPE + ".jar"));
        Path v2 = ConnectorJar.withVersion(v1, "0.1.1", hub.hub.home().resolve("jars/hub-plugin-example-0.1.1.jar"));

        JsonNode absent = hub.info();
        assertThat(absent.get("status").asText()).isEqualTo("OFFLINE");
        assertThat(hub.callAction().status).as("action while the jar is absent").isEqualTo(503);

        hub.deploy(v1);
        long dropToCallable = hub.awaitCallable(DEPLOY_TIMEOUT);
        System.out.println("drop-to-callable: " + dropToCallable + " ms");
        assertThat(hub.info().get("bundle").asText()).isEqualTo(ConnectorJar.DROP_IN_BSN + "/" + ConnectorJar.bundleVersion(v1));
        assertThat(hub.info().get("version").asText()).as("the connector reports its bundle's version")
                .isEqualTo(ConnectorJar.bundleVersion(v1));

        List<String> tickets = new CopyOnWriteArrayList<>();
        AtomicBoolean stopWriting = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> write(tickets, stopWriting, writerFailure), "ticket-writer");
        writer.start();
        try {
            awaitEvents(30, writerFailure);

            hub.deploy(v2); // same file name, new Bundle-Version: fileinstall updates the bundle mid-stream
            hub.awaitInfo("the new version", i -> i.get("bundle").asText().endsWith("/0.1.1")
                    && i.get("version").asText().equals("0.1.1"), DEPLOY_TIMEOUT);
            long updateToCallable = hub.awaitCallable(DEPLOY_TIMEOUT);
            System.out.println("update-to-callable: " + updateToCallable + " ms");
            awaitEvents(hub.receiver.eventCount() + 30, writerFailure);

            hub.undeploy();
            hub.awaitInfo("OFFLINE", i -> i.get("status").asText().equals("OFFLINE") && i.get("bundle").asText().isEmpty(),
                    DEPLOY_TIMEOUT);
            assertThat(hub.callAction().status).as("action while the jar is removed").isEqualTo(503);
            Thread.sleep(1500); // calls in flight at the removal finish
            int beforeAbsence = hub.receiver.eventCount();
            JsonNode waiting = hub.awaitInfo("queue depth > 0", i -> i.get("stats").get("queue_depth").asLong() > 0,
                    Duration.ofSeconds(30));
            Thread.sleep(2000); // events keep coming while the connector is away
            assertThat(hub.receiver.eventCount()).as("events delivered while the connector was absent").isEqualTo(beforeAbsence);
            assertThat(waiting.get("status").asText()).isEqualTo("OFFLINE");
        } finally {
            stopWriting.set(true);
            writer.join(60_000);
        }
        assertThat(writerFailure.get()).as("the ticket writer").isNull();

        hub.deploy(v2);
        hub.awaitCallable(DEPLOY_TIMEOUT);
        int events = hub.awaitAllDeliveredInOrder(tickets, Duration.ofSeconds(120));
        System.out.printf("%d tickets, %d events, %d posts received (%d duplicates)%n", tickets.size(), events,
                hub.receiver.eventCount(), hub.receiver.eventCount() - events);
        // the outcome of the last delivery is written just after the receiver has answered it
        hub.awaitInfo("queue depth 0", i -> i.get("stats").get("queue_depth").asLong() == 0, Duration.ofSeconds(10));
        assertThat(hub.hubErrors()).as("errors and stack traces of hub code in karaf.log").isEmpty();
    }

    /** Creates up to {@value #MAX_TICKETS} tickets and changes random ones, ~30 changes a second, until stopped. */
    private void write(List<String> tickets, AtomicBoolean stop, AtomicReference<Throwable> failure) {
        try {
            for (int n = 0; !stop.get(); n++) {
                if (tickets.size() < MAX_TICKETS && (tickets.isEmpty() || n % 5 == 0)) {
                    tickets.add(hub.createTicket("hot deploy " + n));
                } else {
                    hub.change(tickets.get(ThreadLocalRandom.current().nextInt(tickets.size())), n);
                }
                Thread.sleep(30);
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private void awaitEvents(int count, AtomicReference<Throwable> writerFailure) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (hub.receiver.eventCount() < count && writerFailure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(writerFailure.get()).as("the ticket writer").isNull();
        assertThat(hub.receiver.eventCount()).as("events received; log:\n%s", hub.logExcerpt()).isGreaterThanOrEqualTo(count);
    }
}
