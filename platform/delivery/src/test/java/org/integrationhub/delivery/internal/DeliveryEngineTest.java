package org.integrationhub.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.delivery.internal.EngineFixture.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.delivery.SubscriptionSource;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SubscriptionSource TWO = e -> List.of("s1", "s2");

    @AutoClose
    private EngineFixture fx;
    @AutoClose("shutdown")
    private final FakeTransport transport = new FakeTransport();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void deliversEveryEventToEverySubscriberInPerTicketOrder(Kind kind) {
        fx = new EngineFixture(kind);
        transport.maxDelayMillis = 20;
        fx.engine(EngineFixture.settings("n1"), transport, TWO);
        List<HubEvent> written = new ArrayList<>();
        EventType[] types = {EventType.TICKET_CREATED, EventType.COMMENT_ADDED, EventType.TICKET_UPDATED,
            EventType.TICKET_RESOLVED, EventType.TICKET_CLOSED};
        for (EventType type : types) {
            for (int t = 0; t < 8; t++) {
                written.add(fx.append("TICKET" + t, type));
            }
        }
        await("all delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 80);
        assertThat(transport.calls).hasSize(80);
        assertThat(transport.overlaps).hasValue(0);
        for (String s : List.of("s1", "s2")) {
            Map<String, List<Long>> seqByTicket = transport.sequencesByTicket(s);
            assertThat(seqByTicket).hasSize(8);
            seqByTicket.values().forEach(seqs -> assertThat(seqs).hasSize(5).isSorted());
        }
        assertThat(transport.calls).allSatisfy(c -> {
            assertThat(c.request().messageId()).isEqualTo(c.request().event().id());
            assertThat(c.request().payload()).contains(c.request().event().id());
            assertThat(c.request().attempt()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void retriesWithTheSameMessageIdUntilItSucceeds(Kind kind) {
        fx = new EngineFixture(kind);
        AtomicInteger n = new AtomicInteger();
        transport.behaviour = r -> n.incrementAndGet() <= 2
                ? DeliveryOutcome.retry(503, Duration.ofMillis(1), "HTTP 503", "busy", null)
                : DeliveryOutcome.delivered(200, Duration.ofMillis(1), "ok");
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1"));
        HubEvent e = fx.append("T1", EventType.TICKET_CREATED);
        await("delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 1);
        assertThat(transport.calls).extracting(c -> c.request().messageId()).containsOnly(e.id()).hasSize(3);
        assertThat(transport.calls).extracting(c -> c.request().attempt()).containsExactly(1, 2, 3);
        String deliveryId = transport.calls.get(0).request().deliveryId();
        List<DeliveryAttempt> attempts = engine.attempts(deliveryId);
        assertThat(attempts).extracting(DeliveryAttempt::result).containsExactly(DeliveryOutcome.Result.RETRY,
                DeliveryOutcome.Result.RETRY, DeliveryOutcome.Result.DELIVERED);
        assertThat(attempts.get(0).statusCode()).isEqualTo(503);
        assertThat(attempts.get(0).responseExcerpt()).isEqualTo("busy");
        assertThat(attempts.get(0).nextAttemptAt()).isAfter(attempts.get(0).attemptedAt());
        assertThat(engine.get(deliveryId).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void givesUpAfterMaxAttemptsThenTheTicketsNextEventFollows(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> r.event().type() == EventType.TICKET_CREATED
                ? DeliveryOutcome.retry(500, null, "HTTP 500", null, null)
                : DeliveryOutcome.delivered(200, null, null);
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1"));
        fx.append("T1", EventType.TICKET_CREATED);
        fx.append("T1", EventType.TICKET_UPDATED);
        await("both done", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 1
                && fx.statusCounts().getOrDefault("FAILED", 0L) == 1);
        // 1 + 3 retries of the first event, and only then the second event
        assertThat(transport.calls).extracting(c -> c.request().event().type()).containsExactly(
                EventType.TICKET_CREATED, EventType.TICKET_CREATED, EventType.TICKET_CREATED,
                EventType.TICKET_CREATED, EventType.TICKET_UPDATED);
        String failed = transport.calls.get(0).request().deliveryId();
        assertThat(engine.get(failed).orElseThrow().lastError()).startsWith("gave up after 4 attempt(s)");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void disableFailsEveryPendingDeliveryOfTheSubscriber(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> r.subscriberId().equals("s1")
                ? DeliveryOutcome.disable(410, null, "HTTP 410 Gone", null)
                : DeliveryOutcome.delivered(200, null, null);
        // the source of a real kind stops naming a disabled subscriber; here all five are relayed before the 410
        for (int i = 0; i < 5; i++) {
            fx.append("T1", EventType.COMMENT_ADDED);
        }
        fx.engine(EngineFixture.settings("n1"), transport, TWO);
        await("done", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 5
                && fx.statusCounts().getOrDefault("FAILED", 0L) == 5);
        assertThat(transport.callsFor("s1")).hasSize(1);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery WHERE subscriber_id = 's1' AND last_error LIKE"
                + " 'subscriber disabled%'")).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void retryAfterIsHonoured(Kind kind) {
        fx = new EngineFixture(kind);
        AtomicInteger n = new AtomicInteger();
        transport.behaviour = r -> n.incrementAndGet() == 1
                ? DeliveryOutcome.retry(429, null, "HTTP 429", null, Duration.ofMillis(1500))
                : DeliveryOutcome.delivered(200, null, null);
        fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1"));
        fx.append("T1", EventType.TICKET_CREATED);
        await("delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 1);
        assertThat(Duration.between(transport.calls.get(0).at(), transport.calls.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    }
}
