package org.integrationhub.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integrationhub.delivery.internal.EngineFixture.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.integrationhub.api.EventType;
import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.delivery.DeliveryMetrics.Outcome;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.RetryPolicy;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's monitoring figures: outcomes counted by kind, the queue of each kind read from the pending rows. */
class DeliveryMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AutoClose
    private EngineFixture fx;
    @AutoClose("shutdown")
    private final FakeTransport transport = new FakeTransport();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void countsOutcomesAndReadsTheQueueOfEachKind(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> switch (r.subscriberId()) {
            case "ok" -> DeliveryOutcome.delivered(200, null, null);
            case "bad" -> DeliveryOutcome.failed(400, null, "HTTP 400", null);
            default -> DeliveryOutcome.retry(503, null, "HTTP 503", null, null);
        };
        transport.policy = new RetryPolicy(List.of(Duration.ofHours(1)), 0);
        DeliveryMetrics metrics = fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("ok", "bad", "down"));
        assertThat(metrics.queues()).isEmpty();
        assertThat(metrics.outcomes()).isEmpty();
        Instant before = Instant.now().minusSeconds(1);

        for (int i = 0; i < 3; i++) {
            fx.append("T" + i, EventType.TICKET_CREATED);
        }

        await("attempted", WAIT, () -> {
            var counts = metrics.outcomes().get("test");
            return counts != null && counts.get(Outcome.DELIVERED) == 3 && counts.get(Outcome.FAILED) == 3
                    && counts.get(Outcome.RETRY) == 3;
        });
        assertThat(metrics.outcomes().get("test")).containsEntry(Outcome.DISABLED, 0L).containsEntry(Outcome.ABSENT, 0L)
                .hasSize(Outcome.values().length);
        await("retries written", WAIT, () -> fx.statusCounts().getOrDefault("PENDING", 0L) == 3
                && metrics.queues().getOrDefault("test", new DeliveryMetrics.Queue(0, null)).pending() == 3);
        DeliveryMetrics.Queue queue = metrics.queues().get("test");
        assertThat(queue.oldestPendingCreatedAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(metrics.queues()).containsOnlyKeys("test");

        // the log's last minutes: 3 delivered (journal lines of the direct lane), 6 failed attempts (3 given up, 3 to
        // be retried); two minutes, in case the run crossed a minute's end
        List<DeliveryMetrics.Minute> minutes = metrics.perMinute(2);
        assertThat(minutes).hasSize(2);
        assertThat(minutes.get(1).start()).isEqualTo(minutes.get(0).start().plusSeconds(60));
        assertThat(minutes.stream().mapToLong(DeliveryMetrics.Minute::delivered).sum()).isEqualTo(3);
        assertThat(minutes.stream().mapToLong(DeliveryMetrics.Minute::failedAttempts).sum()).isEqualTo(6);
        assertThatThrownBy(() -> metrics.perMinute(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
