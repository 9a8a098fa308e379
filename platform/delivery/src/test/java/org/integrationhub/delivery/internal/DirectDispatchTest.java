package org.integrationhub.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.delivery.internal.EngineFixture.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.internal.dispatch.DeliveryStore;
import org.integrationhub.delivery.internal.dispatch.DirectLane;
import org.integrationhub.delivery.internal.dispatch.Dispatcher;
import org.integrationhub.delivery.internal.relay.Relay;
import org.integrationhub.delivery.internal.shared.Settings;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Direct dispatch from the relay: chains per (subscriber, ticket), their hand-over to the claim path, recovery. */
class DirectDispatchTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AutoClose
    private EngineFixture fx;
    @AutoClose("shutdown")
    private final FakeTransport transport = new FakeTransport();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRetryInTheMiddleOfAChainHoldsTheTicketsLaterEventsBehindItAndLetsOtherTicketsGo(Kind kind) {
        fx = new EngineFixture(kind);
        List<HubEvent> t1 = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // one relay batch: one chain for T1
            t1.add(fx.append("T1", EventType.COMMENT_ADDED));
            fx.append("T2", EventType.COMMENT_ADDED);
        }
        String third = t1.get(2).id();
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        transport.behaviour = r -> r.messageId().equals(third) && failedOnce.add(third)
                ? DeliveryOutcome.retry(503, null, "HTTP 503", null, null)
                : DeliveryOutcome.delivered(200, null, null);
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1"));

        await("all delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 20);

        List<String> t1Calls = transport.calls.stream().filter(c -> c.request().event().ticketId().equals("T1"))
                .map(c -> c.request().messageId()).toList();
        List<String> expected = new ArrayList<>(t1.stream().map(HubEvent::id).toList());
        expected.add(3, third); // the retry, before everything after it
        assertThat(t1Calls).containsExactlyElementsOf(expected);
        assertThat(transport.calls).filteredOn(c -> c.request().event().ticketId().equals("T2")).hasSize(10);
        assertThat(transport.overlaps).hasValue(0);
        assertThat(transport.calls).filteredOn(c -> !c.request().messageId().equals(third))
                .as("a delivery handed back unsent did not spend an attempt").allSatisfy(c ->
                        assertThat(c.request().attempt()).isEqualTo(1));
        String thirdDelivery = transport.calls.stream().filter(c -> c.request().messageId().equals(third)).findFirst()
                .orElseThrow().request().deliveryId();
        assertThat(engine.attempts(thirdDelivery)).hasSize(2);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery WHERE queue_key IS NOT NULL OR lease_owner IS NOT NULL"))
                .as("nothing left open or leased").isZero();
        assertThat(engine.directChains()).as("no chain outlives its deliveries").isZero();
        await("every lease given back to the node's budget", WAIT, () -> engine.inFlight() == 0);
    }

    /**
     * A chain sends a ticket's next event only once the previous outcome is written: were it sent on the outcome
     * alone, a crash before the write would send the earlier event again after the later one had arrived.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aChainSendsTheNextEventOnlyOnceThePreviousOutcomeIsWritten(Kind kind) {
        fx = new EngineFixture(kind);
        for (int i = 0; i < 10; i++) { // one relay batch: one chain
            fx.append("T1", EventType.COMMENT_ADDED);
        }
        List<String> unrecorded = new java.util.concurrent.CopyOnWriteArrayList<>();
        DeliveryTransport checking = new DeliveryTransport() {
            @Override
            public java.util.concurrent.CompletionStage<DeliveryOutcome> deliver(
                    org.integrationhub.delivery.DeliveryRequest r) {
                long earlierOpen = fx.count("SELECT COUNT(*) FROM delivery WHERE ticket_id = 'T1' AND event_seq < "
                        + r.event().sequence() + " AND status <> 'DELIVERED'");
                if (earlierOpen > 0) {
                    unrecorded.add(r.event().sequence() + ": " + earlierOpen + " earlier not recorded");
                }
                return transport.deliver(r);
            }

            @Override
            public org.integrationhub.delivery.RetryPolicy retryPolicy(String subscriberId) {
                return transport.retryPolicy(subscriberId);
            }
        };
        fx.engine(EngineFixture.settings("n1"), checking, e -> List.of("s1"));

        await("all delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 10);

        assertThat(unrecorded).as("sends while an earlier event's outcome was not yet written").isEmpty();
        assertThat(transport.calls).extracting(c -> c.request().event().sequence()).hasSize(10).isSorted();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeliveryQueuedInAChainPastHalfItsLeaseIsClaimedWithAFreshLeaseInstead(Kind kind) {
        fx = new EngineFixture(kind);
        String first = fx.append("T1", EventType.TICKET_CREATED).id();
        fx.append("T1", EventType.TICKET_UPDATED);
        transport.behaviour = r -> {
            if (r.messageId().equals(first)) {
                sleep(700); // the second waits in the chain for longer than half its 1 s lease
            }
            return DeliveryOutcome.delivered(200, null, null);
        };
        fx.engine(EngineFixture.settings("n1").withLease(Duration.ofSeconds(1)), transport, e -> List.of("s1"));

        await("both delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 2);

        assertThat(transport.calls).extracting(c -> c.request().event().type())
                .containsExactly(EventType.TICKET_CREATED, EventType.TICKET_UPDATED);
        assertThat(transport.calls.get(1).request().attempt()).isEqualTo(1);
        assertThat(transport.overlaps).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNodeThatDiesMidChainDeliversTheWholeChainInOrderAfterItsRestart(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> null; // the head never answers: the node "dies" with the chain in memory
        for (int i = 0; i < 5; i++) {
            fx.append("T1", EventType.COMMENT_ADDED);
        }
        DeliveryEngine first = fx.engine(EngineFixture.settings("node-a"), transport, e -> List.of("s1"));
        await("head sent", WAIT, () -> transport.calls.size() == 1);
        fx.stop(first);
        transport.behaviour = r -> DeliveryOutcome.delivered(200, null, null);

        fx.engine(EngineFixture.settings("node-a"), transport, e -> List.of("s1"));

        await("all delivered after the restart", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 5);
        List<Long> seqs = transport.calls.stream().skip(1).map(c -> c.request().event().sequence()).toList();
        assertThat(seqs).hasSize(5).isSorted();
        assertThat(transport.calls.get(1).request().messageId())
                .isEqualTo(transport.calls.get(0).request().messageId());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoNodesTakingTurnsAtRelayingKeepEachTicketsOrder(Kind kind) throws Exception {
        fx = new EngineFixture(kind);
        transport.maxDelayMillis = 20;
        DeliveryEngine a = fx.engine(EngineFixture.settings("node-a"), transport, e -> List.of("s1"));
        DeliveryEngine b = fx.engine(EngineFixture.settings("node-b"), transport, e -> List.of("s1"));
        for (int i = 0; i < 120; i++) { // one event per transaction, each waking both nodes: they take turns
            fx.append("T" + (i % 3), EventType.COMMENT_ADDED);
            (i % 2 == 0 ? a : b).handleEvent(null);
            (i % 2 == 0 ? b : a).handleEvent(null);
            Thread.sleep(2);
        }
        await("all delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 120);
        assertThat(transport.overlaps).hasValue(0);
        assertThat(transport.calls).hasSize(120);
        transport.sequencesByTicket(null).values().forEach(seqs -> assertThat(seqs).hasSize(40).isSorted());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTransportAppearingDuringARelayBatchSendsNoEventOfATicketBeforeAnEarlierOne(Kind kind) throws Exception {
        fx = new EngineFixture(kind);
        String first = fx.append("T1", EventType.TICKET_CREATED).id();
        fx.append("T1", EventType.TICKET_UPDATED);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Settings settings = EngineFixture.settings("n1");
        Dispatcher dispatcher = new Dispatcher(new DeliveryStore(fx.db), java.time.Clock.systemUTC(), settings,
                fx.scheduler, () -> { });
        // the transport is absent for the first three looks at it and present from then on (the fourth was the old
        // relay's look for the batch's second delivery, after one for the first)
        DirectLane lane = new DirectLane(dispatcher, k -> asked.getAndIncrement() < 3 ? null : transport,
                fx.scheduler, java.time.Clock.systemUTC(), settings.lease());

        new Relay(fx.db, java.time.Clock.systemUTC(), settings).relayBatch(Map.of("test", e -> List.of("s1")), lane);

        Thread.sleep(300);
        assertThat(transport.calls).as("nothing sent ahead of the first event, which waits for the claim path")
                .allSatisfy(c -> assertThat(transport.calls.get(0).request().messageId()).isEqualTo(first));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void withDirectDispatchOffTheClaimPathKeepsTheSameOrder(Kind kind) {
        fx = new EngineFixture(kind);
        transport.maxDelayMillis = 10;
        fx.engine(EngineFixture.settings("n1").withDirectDispatch(false), transport, e -> List.of("s1", "s2"));
        for (int i = 0; i < 60; i++) {
            fx.append("T" + (i % 6), EventType.COMMENT_ADDED);
        }
        await("all delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 120);
        assertThat(transport.overlaps).hasValue(0);
        for (String s : List.of("s1", "s2")) {
            Map<String, List<Long>> byTicket = transport.sequencesByTicket(s);
            assertThat(byTicket).hasSize(6);
            byTicket.values().forEach(seqs -> assertThat(seqs).hasSize(10).isSorted());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
