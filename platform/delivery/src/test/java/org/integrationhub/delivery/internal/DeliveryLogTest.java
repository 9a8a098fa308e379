package org.integrationhub.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integrationhub.delivery.internal.EngineFixture.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryPage;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The delivery log's controls: paging, redeliver, replay, retry of failed deliveries, purge, vanished events. */
class DeliveryLogTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AutoClose
    private EngineFixture fx;
    @AutoClose("shutdown")
    private final FakeTransport transport = new FakeTransport();

    private long delivered() {
        return fx.statusCounts().getOrDefault("DELIVERED", 0L);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void listPagesNewestFirstWithCursorAndStatusFilter(Kind kind) {
        fx = new EngineFixture(kind);
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1"));
        for (int i = 0; i < 7; i++) {
            fx.append("T" + i, EventType.TICKET_CREATED);
        }
        await("delivered", WAIT, () -> delivered() == 7);
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            DeliveryPage page = engine.list(new DeliveryQuery("test", "s1", null, cursor, 3));
            page.items().forEach(d -> seen.add(d.id()));
            sizes.add(page.items().size());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(engine.list(new DeliveryQuery("test", "s1", DeliveryStatus.FAILED, null, 10)).items()).isEmpty();
        assertThat(engine.list(new DeliveryQuery("test", "s1", DeliveryStatus.DELIVERED, null, 10)).items())
                .hasSize(7);
        assertThat(engine.list(new DeliveryQuery("test", "other", null, null, 10)).items()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void redeliverSendsAgainWithTheSameMessageIdAndAFreshBudget(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> DeliveryOutcome.failed(400, null, "HTTP 400", null);
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1"));
        HubEvent e = fx.append("T1", EventType.TICKET_CREATED);
        await("failed", WAIT, () -> fx.statusCounts().getOrDefault("FAILED", 0L) == 1);
        String id = transport.calls.get(0).request().deliveryId();
        transport.behaviour = r -> DeliveryOutcome.delivered(200, null, null);

        Delivery again = engine.redeliver(id);

        assertThat(again.attempts()).isZero();
        await("delivered", WAIT, () -> delivered() == 1);
        assertThat(transport.calls).hasSize(2).extracting(c -> c.request().messageId()).containsOnly(e.id());
        assertThat(transport.calls.get(1).request().attempt()).isEqualTo(1);
        assertThat(engine.attempts(id)).hasSize(2);
        engine.redeliver(id); // a delivered one can be sent again too
        await("sent a third time", WAIT, () -> transport.calls.size() == 3 && delivered() == 1);
        assertThatThrownBy(() -> engine.redeliver("01J0000000000000000000NONE")).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void replayResendsARangeInEventOrderFilteredByType(Kind kind) throws Exception {
        fx = new EngineFixture(kind);
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1"));
        Instant before = Instant.now().minusSeconds(1);
        HubEvent created = fx.append("T1", EventType.TICKET_CREATED);
        HubEvent updated = fx.append("T1", EventType.TICKET_UPDATED);
        HubEvent comment = fx.append("T2", EventType.COMMENT_ADDED);
        await("delivered", WAIT, () -> delivered() == 3);
        Thread.sleep(20);
        Instant after = Instant.now();

        assertThat(engine.replay("test", "s1", after, null, Set.of())).isZero();
        assertThat(engine.replay("test", "s1", before, null, Set.of(EventType.TICKET_UPDATED))).isEqualTo(1);
        await("one replayed", WAIT, () -> transport.calls.size() == 4 && delivered() == 3);
        assertThat(transport.calls.get(3).request().messageId()).isEqualTo(updated.id());

        // a subscriber that did not exist when the events happened gets them too, in order
        assertThat(engine.replay("test", "late", before, after, Set.of())).isEqualTo(3);
        await("late subscriber served", WAIT, () -> transport.callsFor("late").size() == 3 && delivered() == 6);
        assertThat(transport.callsFor("late")).extracting(c -> c.request().messageId())
                .containsExactlyInAnyOrder(created.id(), updated.id(), comment.id());
        List<String> t1 = transport.callsFor("late").stream().filter(c -> c.request().event().ticketId().equals("T1"))
                .map(c -> c.request().messageId()).toList();
        assertThat(t1).containsExactly(created.id(), updated.id());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void retryFailedReschedulesOnlyTheSubscribersFailedDeliveries(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> r.subscriberId().equals("s1") ? DeliveryOutcome.failed(400, null, "no", null)
                : DeliveryOutcome.delivered(200, null, null);
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1", "s2"));
        for (int i = 0; i < 3; i++) {
            fx.append("T" + i, EventType.TICKET_CREATED);
        }
        await("done", WAIT, () -> fx.statusCounts().getOrDefault("FAILED", 0L) == 3 && delivered() == 3);
        transport.behaviour = r -> DeliveryOutcome.delivered(200, null, null);

        assertThat(engine.retryFailed("test", "s2")).isZero();
        assertThat(engine.retryFailed("test", "s1")).isEqualTo(3);

        await("all delivered", WAIT, () -> delivered() == 6);
        assertThat(transport.callsFor("s1")).hasSize(6);
        assertThat(transport.callsFor("s2")).hasSize(3);
        assertThat(engine.stats("test", "s1").delivered()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void purgeDeletesCompletedDeliveriesAndTheirAttemptsButKeepsPendingOnes(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> r.subscriberId().equals("s1") ? DeliveryOutcome.delivered(200, null, null)
                : DeliveryOutcome.retry(500, null, "HTTP 500", null, null);
        transport.policy = new org.integrationhub.delivery.RetryPolicy(List.of(Duration.ofHours(1)), 0);
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1").withRetention(Duration.ZERO), transport,
                e -> List.of("s1", "s2"));
        for (int i = 0; i < 4; i++) {
            fx.append("T" + i, EventType.TICKET_CREATED);
        }
        // s1's first attempts succeed: journal lines; s2's are retried: rows with an attempt row each
        await("done", WAIT, () -> delivered() == 4 && transport.callsFor("s2").size() == 4
                && fx.count("SELECT COUNT(*) FROM delivery_attempt") == 4);

        assertThat(engine.purge()).isEqualTo(4);

        assertThat(fx.statusCounts()).isEqualTo(Map.of("PENDING", 4L));
        assertThat(fx.count("SELECT COUNT(*) FROM delivery_journal")).isZero();
        assertThat(fx.count("SELECT COUNT(*) FROM delivery_attempt")).isEqualTo(4);
        assertThat(engine.purge()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void deliveryWhoseEventVanishedFailsInsteadOfBeingRetriedForever(Kind kind) {
        fx = new EngineFixture(kind);
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1").withLease(Duration.ofMillis(200)), null,
                e -> List.of("s1"));
        HubEvent gone = fx.append("T1", EventType.TICKET_CREATED);
        fx.append("T2", EventType.TICKET_CREATED);
        await("relayed", WAIT, () -> fx.statusCounts().getOrDefault("PENDING", 0L) == 2);
        fx.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("DELETE FROM outbox_event WHERE id = ?")) {
                ps.setString(1, gone.id());
                return ps.executeUpdate();
            }
        });

        engine.bindTransport(transport, Map.of(DeliveryTransport.KIND_PROPERTY, "test"));

        await("one delivered, one failed", WAIT, () -> delivered() == 1
                && fx.statusCounts().getOrDefault("FAILED", 0L) == 1);
        assertThat(transport.calls).hasSize(1);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery WHERE status = 'FAILED' AND event_id = '" + gone.id()
                + "' AND last_error = 'the event is no longer in the outbox' AND locked_until IS NULL")).isEqualTo(1);
    }
}
