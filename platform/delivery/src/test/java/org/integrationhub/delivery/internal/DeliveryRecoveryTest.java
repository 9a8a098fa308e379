package org.integrationhub.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.delivery.internal.EngineFixture.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.internal.shared.Settings;
import org.integrationhub.persistence.testing.TestDatabases;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Absent subscribers, crashed nodes, concurrent nodes, in-flight outbox transactions. */
class DeliveryRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @AutoClose
    private EngineFixture fx;
    @AutoClose("shutdown")
    private final FakeTransport transport = new FakeTransport();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void absentSubscriberWaitsWithoutSpendingAttempts(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> DeliveryOutcome.subscriberAbsent("connector bundle not present");
        Settings s = EngineFixture.settings("n1").withAbsence(Duration.ofMillis(100), Duration.ofDays(1));
        DeliveryEngine engine = fx.engine(s, transport, e -> List.of("s1"));
        fx.append("T1", EventType.TICKET_CREATED);
        await("asked several times", WAIT, () -> transport.calls.size() >= 6);
        transport.behaviour = r -> DeliveryOutcome.delivered(200, null, null);
        await("delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 1);
        String id = transport.calls.get(0).request().deliveryId();
        assertThat(transport.calls).extracting(c -> c.request().attempt()).containsOnly(1);
        assertThat(engine.attempts(id)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void throttledDeliveryWaitsItsTurnWithoutSpendingAttemptsAndIsNeverGivenUpForIt(Kind kind) {
        fx = new EngineFixture(kind);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        transport.behaviour = r -> asked.incrementAndGet() <= 4
                ? DeliveryOutcome.throttled("rate limit of s1 reached", Duration.ofMillis(150))
                : DeliveryOutcome.delivered(200, null, null);
        // an absence would fail after 200 ms; throttling is the hub's own pacing and is never given up
        Settings s = EngineFixture.settings("n1").withAbsence(Duration.ofMillis(50), Duration.ofMillis(200));
        DeliveryEngine engine = fx.engine(s, transport, e -> List.of("s1"));
        fx.append("T1", EventType.TICKET_CREATED);
        await("delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 1);
        String id = transport.calls.get(0).request().deliveryId();
        assertThat(transport.calls).as("four times held back, then delivered").hasSize(5);
        assertThat(transport.calls).extracting(c -> c.request().attempt()).containsOnly(1);
        assertThat(engine.attempts(id)).as("only the attempt that was made").hasSize(1);
        assertThat(fx.statusCounts()).doesNotContainKey("FAILED");
        assertThat(engine.outcomes().get("test")).containsEntry(org.integrationhub.delivery.DeliveryMetrics.Outcome.DELIVERED, 1L);
        assertThat(engine.outcomes().get("test").get(org.integrationhub.delivery.DeliveryMetrics.Outcome.THROTTLED))
                .isEqualTo(4L);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSubscriberThatComesBackIsResumedAtOnceNotAtTheNextRecheck(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> DeliveryOutcome.subscriberAbsent("connector bundle not present");
        Settings s = EngineFixture.settings("n1").withAbsence(Duration.ofHours(1), Duration.ofDays(1));
        DeliveryEngine engine = fx.engine(s, transport, e -> List.of("s1", "s2"));
        fx.append("T1", EventType.TICKET_CREATED);
        fx.append("T1", EventType.TICKET_UPDATED);
        await("both heads found their subscriber absent and that was recorded", WAIT, () -> transport.calls.size() == 2
                && fx.count("SELECT COUNT(*) FROM delivery WHERE last_error IS NOT NULL AND lease_owner IS NULL") == 2);
        transport.behaviour = r -> DeliveryOutcome.delivered(200, null, null);

        // the head, and the event behind it too when the relay brought it in after the head had been put back
        assertThat(engine.resume("test", "s1")).as("s1's waiting rows").isBetween(1, 2);

        await("s1's events delivered in order", WAIT, () -> transport.callsFor("s1").size() == 3);
        assertThat(transport.callsFor("s1")).extracting(c -> c.request().event().type())
                .containsExactly(EventType.TICKET_CREATED, EventType.TICKET_CREATED, EventType.TICKET_UPDATED);
        assertThat(transport.callsFor("s2")).as("s2 still waits for its recheck in an hour").hasSize(1);
        assertThat(engine.resume("test", "s1")).as("nothing left waiting").isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void absentSubscriberFailsAfterTheRetention(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> DeliveryOutcome.subscriberAbsent("gone");
        Settings s = EngineFixture.settings("n1").withAbsence(Duration.ofMillis(100), Duration.ofMillis(500));
        fx.engine(s, transport, e -> List.of("s1"));
        fx.append("T1", EventType.TICKET_CREATED);
        await("failed", WAIT, () -> fx.statusCounts().getOrDefault("FAILED", 0L) == 1);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery WHERE last_error LIKE 'subscriber absent for too long%'"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theRelayLetsCachingSourcesCatchUpBeforeEachBatchAndWaitsWhileOneCannot(Kind kind) {
        fx = new EngineFixture(kind);
        java.util.concurrent.atomic.AtomicInteger prepared = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
        org.integrationhub.delivery.SubscriptionSource source = new org.integrationhub.delivery.SubscriptionSource() {
            @Override
            public List<String> subscribersFor(org.integrationhub.api.HubEvent event) {
                return List.of("s1");
            }

            @Override
            public void prepareBatch() {
                prepared.incrementAndGet();
                if (broken.get()) {
                    throw new IllegalStateException("subscriptions cannot be read now");
                }
            }
        };
        fx.engine(EngineFixture.settings("n1"), transport, source);
        fx.append("T1", EventType.TICKET_CREATED);
        await("asked to prepare", WAIT, () -> prepared.get() >= 2);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery")).isZero();
        assertThat(transport.calls).as("no event skipped or sent while the source cannot say").isEmpty();
        broken.set(false);
        await("delivered once the source is ready", WAIT, () -> transport.calls.size() == 1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void kindWithoutTransportWaitsUntilOneIsRegistered(Kind kind) {
        fx = new EngineFixture(kind);
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), null, e -> List.of("s1"));
        fx.append("T1", EventType.TICKET_CREATED);
        await("relayed", WAIT, () -> fx.statusCounts().getOrDefault("PENDING", 0L) == 1);
        engine.bindTransport(transport, Map.of(DeliveryTransport.KIND_PROPERTY, "test"));
        await("delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void relayWaitsForRequiredSubscriptionSources(Kind kind) throws Exception {
        fx = new EngineFixture(kind);
        Settings s = EngineFixture.settings("n1").withRequiredKinds(Set.of("test", "integration"));
        DeliveryEngine engine = fx.engine(s, transport, e -> List.of("s1"));
        fx.append("T1", EventType.TICKET_CREATED);
        Thread.sleep(500);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery")).isZero();
        engine.bindSource(e -> List.of("c1"), Map.of(DeliveryTransport.KIND_PROPERTY, "integration"));
        // the transport's kind is sent at once (a journal line once delivered), the other waits as a row
        await("relayed to both kinds", WAIT, () -> fx.statusCounts().values().stream().mapToLong(Long::longValue)
                .sum() == 2);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void leasesOfACrashedNodeAreReleasedWhenItRestarts(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> null; // never answers: the node "dies" mid-attempt
        DeliveryEngine first = fx.engine(EngineFixture.settings("node-a"), transport, e -> List.of("s1"));
        fx.append("T1", EventType.TICKET_CREATED);
        await("attempt started", WAIT, () -> transport.calls.size() == 1);
        fx.stop(first);
        transport.behaviour = r -> DeliveryOutcome.delivered(200, null, null);
        fx.engine(EngineFixture.settings("node-a"), transport, e -> List.of("s1"));
        await("delivered after restart", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 1);
        assertThat(transport.calls).extracting(c -> c.request().messageId()).containsOnly(
                transport.calls.get(0).request().messageId());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void expiredLeaseOfAnotherNodeIsTakenOver(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> null;
        DeliveryEngine first = fx.engine(EngineFixture.settings("node-a").withLease(Duration.ofMillis(800)),
                transport, e -> List.of("s1"));
        fx.append("T1", EventType.TICKET_CREATED);
        await("attempt started", WAIT, () -> transport.calls.size() == 1);
        fx.stop(first);
        transport.behaviour = r -> DeliveryOutcome.delivered(200, null, null);
        fx.engine(EngineFixture.settings("node-b"), transport, e -> List.of("s1"));
        await("delivered by node b", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 1);
        assertThat(transport.calls).hasSize(2);
    }

    @Test
    void twoNodesOnPostgresNeverDeliverTheSameDeliveryConcurrently() {
        fx = new EngineFixture(TestDatabases.Kind.POSTGRESQL);
        transport.maxDelayMillis = 10;
        for (int i = 0; i < 300; i++) {
            fx.append("T" + (i % 30), EventType.COMMENT_ADDED);
        }
        DeliveryEngine a = fx.engine(EngineFixture.settings("node-a"), transport, e -> List.of("s1", "s2"));
        DeliveryEngine b = fx.engine(EngineFixture.settings("node-b"), transport, e -> List.of("s1", "s2"));
        await("all delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 600);
        assertThat(List.of(a.relaying(), b.relaying())).as("one relay, so one purge, at a time").containsOnlyOnce(true);
        assertThat(transport.overlaps).hasValue(0);
        assertThat(transport.calls).hasSize(600);
        assertThat(transport.calls.stream().map(c -> c.request().deliveryId()).distinct()).hasSize(600);
        for (String s : List.of("s1", "s2")) {
            transport.sequencesByTicket(s).values().forEach(seqs -> assertThat(seqs).isSorted());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eventOfATransactionStillOpenIsRelayedWhenItCommits(Kind kind) throws Exception {
        fx = new EngineFixture(kind);
        fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1"));
        try (Connection slow = fx.dataSource.getConnection()) {
            slow.setAutoCommit(false);
            EngineFixture.append(slow, "SLOW", EventType.TICKET_CREATED); // takes a sequence number, not committed
            fx.append("FAST", EventType.TICKET_CREATED);
            await("fast delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 1);
            assertThat(fx.count("SELECT COUNT(*) FROM delivery_relay_gap")).isEqualTo(1);
            slow.commit();
        }
        await("slow delivered too", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 2);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery_relay_gap")).isZero();
    }
}
