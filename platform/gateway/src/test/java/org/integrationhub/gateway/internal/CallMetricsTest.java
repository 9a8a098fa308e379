package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The call counters: completed calls land in one bucket each and add to the latency sum; refusals do neither. */
class CallMetricsTest {

    @Test
    void latenciesGoIntoTheHistogramAndTheSum() {
        CallMetrics m = new CallMetrics();
        m.success(3_000_000);
        m.failure("communication", 7_500_000);
        m.refused("circuit_open");

        assertThat(m.calls()).isEqualTo(3);
        assertThat(m.successes()).isEqualTo(1);
        assertThat(m.failures()).containsEntry("communication", 1L).containsEntry("circuit_open", 1L);
        assertThat(m.histogram()).containsEntry("le_5", 1L).containsEntry("le_10", 1L).containsEntry("le_1", 0L);
        assertThat(m.histogram().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        assertThat(m.latencySumMillis()).isCloseTo(10.5, within(1e-9));
    }
}
