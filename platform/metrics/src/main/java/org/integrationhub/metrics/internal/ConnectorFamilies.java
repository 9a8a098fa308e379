package org.integrationhub.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.gateway.IntegrationStats;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * The connector gateway's figures per connector instance ({@code connector} = the instance name): calls by outcome,
 * the latency histogram, circuit breaker state, status, calls in flight and events waiting.
 */
final class ConnectorFamilies {

    /** The circuit states always reported (0 or 1); another state the breaker reports is added when current. */
    static final List<String> CIRCUIT_STATES = List.of("closed", "open", "half_open");

    private ConnectorFamilies() {
    }

    static List<MetricSnapshot> of(List<IntegrationInfo> connectors) {
        Map<Labels, Double> calls = new TreeMap<>();
        Map<Labels, Double> circuit = new TreeMap<>();
        Map<Labels, Double> status = new TreeMap<>();
        Map<Labels, Double> inFlight = new TreeMap<>();
        Map<Labels, Double> queue = new TreeMap<>();
        HistogramSnapshot.Builder latency = HistogramSnapshot.builder().name("hub_connector_call_duration_seconds")
                .help("Latency of completed connector calls (actions, event deliveries, connection tests); a bucket "
                        + "counts calls shorter than its bound");
        for (IntegrationInfo i : connectors) {
            IntegrationStats s = i.stats();
            Labels connector = Labels.of("connector", i.name());
            status.put(Labels.of("connector", i.name(), "type", i.type(), "status", Families.lower(i.status().name())),
                    1.0);
            if (s == null) {
                continue;
            }
            calls.put(connector.add("outcome", "success"), (double) s.successes());
            s.failures().forEach((cause, n) -> calls.put(connector.add("outcome", cause), (double) n));
            String current = Families.lower(s.circuitState());
            for (String state : CIRCUIT_STATES) {
                circuit.put(connector.add("state", state), state.equals(current) ? 1.0 : 0.0);
            }
            if (!CIRCUIT_STATES.contains(current)) {
                circuit.put(connector.add("state", current), 1.0);
            }
            inFlight.put(connector, (double) s.inFlight());
            if (s.queueDepth() >= 0) {
                queue.put(connector, (double) s.queueDepth());
            }
            ClassicHistogramBuckets buckets = buckets(s.latencyMillis());
            if (!buckets.isEmpty()) {
                latency.dataPoint(HistogramDataPointSnapshot.builder().labels(connector)
                        .classicHistogramBuckets(buckets).sum(s.latencySumMillis() / 1000.0).build());
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(Families.counter("hub_connector_calls", "Connector calls by outcome: success, or the failure's "
                + "cause (communication, remote, authentication, rate_limited_local, circuit_open, timeout, ...)",
                calls));
        out.add(latency.build());
        out.add(Families.gauge("hub_connector_circuit_state",
                "The connector's circuit breaker state: 1 for the current state, 0 for the others", circuit));
        out.add(Families.gauge("hub_connector_status",
                "The connector's status (online, offline, degraded, unconfigured): 1 for the current one", status));
        out.add(Families.gauge("hub_connector_in_flight", "Connector calls running now", inFlight));
        out.add(Families.gauge("hub_connector_queue_depth", "Events waiting for the connector in the delivery engine",
                queue));
        return out;
    }

    /**
     * @param latencyMillis the gateway's buckets in order: {@code le_<ms>} … {@code le_inf} to the count of calls in
     *        that bucket (not cumulative)
     * @return the same as a classic histogram in seconds; empty if there are none
     */
    static ClassicHistogramBuckets buckets(Map<String, Long> latencyMillis) {
        List<Double> bounds = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Map.Entry<String, Long> e : latencyMillis.entrySet()) {
            String bound = e.getKey().startsWith("le_") ? e.getKey().substring(3) : e.getKey();
            double seconds;
            if ("inf".equals(bound)) {
                seconds = Double.POSITIVE_INFINITY;
            } else {
                try {
                    seconds = Long.parseLong(bound) / 1000.0;
                } catch (NumberFormatException x) {
                    continue; // a bucket of an unknown shape: left out rather than misreported
                }
            }
            bounds.add(seconds);
            counts.add(e.getValue() == null ? 0L : e.getValue());
        }
        if (bounds.isEmpty()) {
            return ClassicHistogramBuckets.EMPTY;
        }
        if (bounds.get(bounds.size() - 1) != Double.POSITIVE_INFINITY) {
            bounds.add(Double.POSITIVE_INFINITY);
            counts.add(0L);
        }
        return ClassicHistogramBuckets.of(bounds, counts);
    }
}
