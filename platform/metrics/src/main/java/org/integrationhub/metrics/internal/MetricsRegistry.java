package org.integrationhub.metrics.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStats;
import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The hub's Prometheus registry: the JVM basics, the HTTP request counters and the hub's own figures, read from the
 * ticket service, the delivery engine and the connector gateway at scrape time (database figures cached for
 * {@link MetricsServlet.Config#cacheSeconds()}). The delivery engine and the gateway are optional: while absent,
 * their families are left out.
 */
@Component(service = MetricsRegistry.class, configurationPid = MetricsServlet.PID)
public class MetricsRegistry {

    /** The content type of the exposition: the Prometheus text format 0.0.4. */
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final HttpMetrics http;
    private volatile DeliveryMetrics deliveries;
    private volatile IntegrationGateway gateway;

    @Activate
    public MetricsRegistry(@Reference TicketService tickets, MetricsServlet.Config config) {
        this(tickets::stats, config.cacheSeconds() * 1000L, Clock.systemUTC());
    }

    MetricsRegistry(java.util.function.Supplier<TicketStats> tickets, long cacheMillis, Clock clock) {
        Cached<TicketStats> ticketStats = new Cached<>(tickets, cacheMillis, System::nanoTime);
        Cached<Map<String, DeliveryMetrics.Queue>> queues = new Cached<>(() -> {
            DeliveryMetrics d = deliveries;
            return d == null ? null : d.queues();
        }, cacheMillis, System::nanoTime);
        Cached<List<IntegrationInfo>> connectors = new Cached<>(() -> {
            IntegrationGateway g = gateway;
            return g == null ? null : g.list();
        }, cacheMillis, System::nanoTime);
        registry.register(new HubCollector(new HubCollector.Sources(ticketStats::get, queues::get, () -> {
            DeliveryMetrics d = deliveries;
            return d == null ? null : d.outcomes();
        }, connectors::get), clock));
        http = new HttpMetrics(registry);
        // the JVM basics; not the allocation metrics: they add GC listeners that outlive a bundle restart
        JvmMemoryMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setDeliveries(DeliveryMetrics d) {
        deliveries = d;
    }

    void unsetDeliveries(DeliveryMetrics d) {
        if (deliveries == d) {
            deliveries = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setGateway(IntegrationGateway g) {
        gateway = g;
    }

    void unsetGateway(IntegrationGateway g) {
        if (gateway == g) {
            gateway = null;
        }
    }

    /** Counts one request answered by the hub's servlets. */
    void requestServed(int status, long nanos) {
        http.served(status, nanos);
    }

    /** Scrapes every family and writes the text exposition (format 0.0.4, UTF-8). */
    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
