package org.integrationhub.metrics.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.integrationhub.api.TicketStats;
import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.gateway.IntegrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The hub's own families, read from its services at scrape time: tickets, deliveries, connectors. A source that is
 * absent (its bundle not running) or fails leaves its families out and reports {@code hub_metrics_source_up} 0; the
 * rest of the scrape is served.
 */
final class HubCollector implements MultiCollector {

    /** What the collector reads; a supplier returns null while its service is absent. */
    record Sources(Supplier<TicketStats> tickets, Supplier<Map<String, DeliveryMetrics.Queue>> queues,
            Supplier<Map<String, Map<DeliveryMetrics.Outcome, Long>>> outcomes,
            Supplier<List<IntegrationInfo>> connectors) {
    }

    private final Logger logger = LoggerFactory.getLogger(HubCollector.class);
    private final Sources sources;
    private final Clock clock;
    /** Per source, whether its last read failed: a failure is logged as a warning once, not at every scrape. */
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

    HubCollector(Sources sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        Map<Labels, Double> up = new TreeMap<>();
        read("tickets", up, out, () -> {
            TicketStats s = sources.tickets().get();
            return s == null ? null : TicketFamilies.of(s);
        });
        read("deliveries", up, out, () -> {
            Map<String, DeliveryMetrics.Queue> queues = sources.queues().get();
            Map<String, Map<DeliveryMetrics.Outcome, Long>> outcomes = sources.outcomes().get();
            return queues == null || outcomes == null ? null
                    : DeliveryFamilies.of(queues, outcomes, clock.instant());
        });
        read("connectors", up, out, () -> {
            List<IntegrationInfo> connectors = sources.connectors().get();
            return connectors == null ? null : ConnectorFamilies.of(connectors);
        });
        out.add(Families.gauge("hub_metrics_source_up",
                "Whether this scrape could read the source (tickets, deliveries, connectors): 1 yes, 0 the service "
                        + "is absent or failed (its families are left out)",
                up));
        return new MetricSnapshots(out);
    }

    private void read(String source, Map<Labels, Double> up, List<MetricSnapshot> out,
            Supplier<List<MetricSnapshot>> families) {
        List<MetricSnapshot> read;
        try {
            read = families.get();
        } catch (RuntimeException e) {
            if (failing.put(source, Boolean.TRUE) == null) {
                logger.warn("Metrics: could not read the {} figures; left out until they can be read: {}", source,
                        e.toString());
            }
            logger.debug("Metrics: reading the {} figures failed", source, e);
            up.put(Labels.of("source", source), 0.0);
            return;
        }
        if (failing.remove(source) != null) {
            logger.info("Metrics: the {} figures can be read again", source);
        }
        up.put(Labels.of("source", source), read == null ? 0.0 : 1.0);
        if (read != null) {
            out.addAll(read);
        }
    }
}
