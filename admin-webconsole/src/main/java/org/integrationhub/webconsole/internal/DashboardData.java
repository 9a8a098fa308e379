package org.integrationhub.webconsole.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStats;
import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.webhooks.WebhookAdmin;
import org.integrationhub.webhooks.WebhookEndpointInfo;

/**
 * The figures the dashboard shows, read once from the platform services ({@link #read}); the page keeps the last
 * snapshot for a few seconds so that reloads and several operators cannot load the database.
 *
 * <p>Deliveries per minute come from the shared delivery log ({@link DeliveryMetrics#perMinute(int)}: grouped, indexed
 * queries over the last {@value #MINUTES} minutes): deliveries acknowledged, and failed attempts, by the minute they
 * happened, on every node.
 *
 * @param at when the snapshot was read
 * @param tickets the ticket figures; null when the helpdesk core is not running
 * @param minutes the start of each minute of the chart, oldest first
 * @param delivered deliveries acknowledged in each minute
 * @param failed attempts made in each minute that failed (retried later or given up)
 * @param connectors connector instances worth a look (not online, failing or slow), worst first
 * @param endpoints webhook endpoints that are disabled or failing
 * @param deliveriesRead whether the delivery log could be read (false: the delivery engine is not running)
 */
record DashboardData(Instant at, TicketStats tickets, List<Instant> minutes, long[] delivered, long[] failed,
        List<IntegrationInfo> connectors, List<WebhookEndpointInfo> endpoints, boolean deliveriesRead) {

    static final int MINUTES = 30;
    static final int CONNECTORS_SHOWN = 5;
    /** Connectors whose p99 latency is at least this are listed as slow. */
    static final double SLOW_P99_MILLIS = 1000;

    /** Reads a snapshot from the services that are running (each may be null). */
    static DashboardData read(Instant now, TicketService tickets, DeliveryMetrics deliveries, IntegrationGateway gateway,
            WebhookAdmin webhooks) {
        List<DeliveryMetrics.Minute> log = deliveries == null ? List.of() : deliveries.perMinute(MINUTES);
        List<Instant> minutes = new ArrayList<>(log.size());
        long[] delivered = new long[log.size()];
        long[] failed = new long[log.size()];
        for (int i = 0; i < log.size(); i++) {
            minutes.add(log.get(i).start());
            delivered[i] = log.get(i).delivered();
            failed[i] = log.get(i).failedAttempts();
        }
        List<IntegrationInfo> instances = gateway == null ? List.of() : gateway.list();
        List<WebhookEndpointInfo> endpoints = webhooks == null ? List.of() : webhooks.list();
        return new DashboardData(now, tickets == null ? null : tickets.stats(), minutes, delivered, failed,
                worstConnectors(instances), endpoints.stream().filter(e -> e.disabled() || e.failingSince() != null)
                        .toList(), deliveries != null);
    }

    /** @return instances not ONLINE, with failed calls or an open circuit, or slow; worst first, at most a few */
    static List<IntegrationInfo> worstConnectors(List<IntegrationInfo> instances) {
        return instances.stream().filter(DashboardData::worthALook)
                .sorted(Comparator.comparingLong(DashboardData::failures).reversed()
                        .thenComparing(Comparator.comparingDouble(DashboardData::p99).reversed()))
                .limit(CONNECTORS_SHOWN).toList();
    }

    private static boolean worthALook(IntegrationInfo i) {
        return i.status() != IntegrationStatus.ONLINE || failures(i) > 0 || p99(i) >= SLOW_P99_MILLIS
                || (i.stats() != null && !"CLOSED".equals(i.stats().circuitState()));
    }

    static long failures(IntegrationInfo i) {
        return i.stats() == null ? 0 : i.stats().failures().values().stream().mapToLong(Long::longValue).sum();
    }

    private static double p99(IntegrationInfo i) {
        return i.stats() == null ? 0 : i.stats().p99Millis();
    }

    /** @return all deliveries and failures in the chart's window */
    long total(long[] buckets) {
        long sum = 0;
        for (long b : buckets) {
            sum += b;
        }
        return sum;
    }
}
