package org.integrationhub.gateway;

import java.util.Map;

/**
 * Call metrics of one connector instance (actions, event deliveries and connection tests), since the gateway
 * started or the instance's policy was last changed.
 *
 * @param calls calls attempted (each retry counts)
 * @param successes calls that succeeded
 * @param failures failed calls by cause: the connector's error categories in lower case ({@code communication},
 *        {@code remote}, ...) and the gateway's own refusals ({@code rate_limited_local}, {@code circuit_open},
 *        {@code bulkhead_full}, {@code timeout})
 * @param latencyMillis latency histogram of completed calls: upper bucket bound in ms ({@code "le_5"}, ...,
 *        {@code "le_inf"}) to count
 * @param p50Millis estimated median latency
 * @param p99Millis estimated 99th percentile latency
 * @param inFlight calls running now (bulkhead occupancy)
 * @param queueDepth events waiting for this instance in the delivery engine; -1 if unknown
 * @param circuitState the circuit breaker's state: CLOSED, OPEN, HALF_OPEN, ...
 * @param latencySumMillis the sum of the latencies counted in {@code latencyMillis}, in ms (with their count, the
 *        mean latency; the {@code _sum} of a Prometheus histogram)
 * @since 0.1.0 ({@code latencySumMillis} since 0.3.0)
 */
public record IntegrationStats(long calls, long successes, Map<String, Long> failures, Map<String, Long> latencyMillis,
        double p50Millis, double p99Millis, int inFlight, long queueDepth, String circuitState,
        double latencySumMillis) {
    public IntegrationStats {
        failures = failures == null ? Map.of() : Map.copyOf(failures);
        latencyMillis = latencyMillis == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(latencyMillis));
    }

    /**
     * Stats without the latency sum (the 0.1.0 shape): {@code latencySumMillis} is 0.
     *
     * @since 0.1.0
     */
    public IntegrationStats(long calls, long successes, Map<String, Long> failures, Map<String, Long> latencyMillis,
            double p50Millis, double p99Millis, int inFlight, long queueDepth, String circuitState) {
        this(calls, successes, failures, latencyMillis, p50Millis, p99Millis, inFlight, queueDepth, circuitState, 0);
    }
}
