package org.integrationhub.metrics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.delivery.DeliveryMetrics.Outcome;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * The delivery engine's figures by subscriber kind ({@code webhook}, {@code integration}): attempt outcomes on this
 * node (counters), the queue depth and the age of the oldest pending delivery across the nodes (gauges).
 */
final class DeliveryFamilies {

    /** The kinds the hub ships: always reported, at 0 when idle, so alerts need no absent() special case. */
    static final Set<String> KINDS = Set.of("integration", "webhook");

    private DeliveryFamilies() {
    }

    static List<MetricSnapshot> of(Map<String, DeliveryMetrics.Queue> queues, Map<String, Map<Outcome, Long>> outcomes,
            Instant now) {
        Set<String> kinds = new TreeSet<>(KINDS);
        kinds.addAll(queues.keySet());
        kinds.addAll(outcomes.keySet());
        Map<Labels, Double> counts = new TreeMap<>();
        Map<Labels, Double> depth = new TreeMap<>();
        Map<Labels, Double> age = new TreeMap<>();
        for (String kind : kinds) {
            Map<Outcome, Long> byOutcome = outcomes.getOrDefault(kind, Map.of());
            for (Outcome o : Outcome.values()) {
                counts.put(Labels.of("kind", kind, "outcome", Families.lower(o.name())),
                        (double) byOutcome.getOrDefault(o, 0L));
            }
            DeliveryMetrics.Queue q = queues.get(kind);
            depth.put(Labels.of("kind", kind), q == null ? 0.0 : (double) q.pending());
            Instant oldest = q == null ? null : q.oldestPendingCreatedAt();
            age.put(Labels.of("kind", kind),
                    oldest == null ? 0.0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0));
        }
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(Families.counter("hub_delivery_outcomes",
                "Delivery attempt outcomes decided on this node since it started, by subscriber kind and outcome "
                        + "(delivered, retry, failed, disabled, absent, absent_expired)",
                counts));
        out.add(Families.gauge("hub_delivery_queue_depth",
                "Deliveries pending (waiting or in flight) across the hub's nodes, by subscriber kind", depth));
        out.add(Families.gauge("hub_delivery_oldest_pending_age_seconds",
                "Age of the oldest pending delivery, by subscriber kind; 0 when none is pending", age));
        return out;
    }
}
