package org.integrationhub.metrics.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketStats;
import org.integrationhub.api.TicketStats.Figures;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * The ticket figures of {@code TicketService.stats()} (as {@code GET /api/v1/metrics/tickets}) as gauges: one family
 * over all tickets and a {@code _by_priority} family with a {@code priority} label, so that summing a family never
 * counts a ticket twice.
 */
final class TicketFamilies {

    private TicketFamilies() {
    }

    static List<MetricSnapshot> of(TicketStats stats) {
        List<MetricSnapshot> out = new ArrayList<>();
        String window = " (window: the last " + stats.window().toMinutes() + " minutes)";
        add(out, "hub_tickets_open", "Tickets not resolved yet (open or pending)", stats, f -> (double) f.open());
        add(out, "hub_tickets_overdue", "Unresolved tickets past their SLA due time", stats,
                f -> (double) f.overdue());
        add(out, "hub_tickets_sla_breached",
                "Tickets whose SLA is breached: the overdue ones plus those resolved after their SLA due time", stats,
                f -> (double) f.slaBreached());
        add(out, "hub_tickets_resolved_window", "Tickets resolved within the window" + window, stats,
                f -> (double) f.resolvedInWindow());
        add(out, "hub_tickets_resolution_average_seconds",
                "Mean time from creation to resolution of the tickets resolved within the window" + window
                        + "; absent while none was resolved",
                stats, f -> f.averageResolution() == null ? null : seconds(f.averageResolution()));
        return out;
    }

    private static void add(List<MetricSnapshot> out, String name, String help, TicketStats stats,
            Function<Figures, Double> value) {
        Double total = value.apply(stats.total());
        out.add(Families.gauge(name, help, total == null ? Map.of() : Map.of(Labels.EMPTY, total)));
        Map<Labels, Double> byPriority = new LinkedHashMap<>();
        for (Priority p : Priority.values()) {
            Figures f = stats.byPriority().get(p);
            Double v = f == null ? null : value.apply(f);
            if (v != null) {
                byPriority.put(Labels.of("priority", p.wireName()), v);
            }
        }
        out.add(Families.gauge(name + "_by_priority", help + ", by ticket priority", byPriority));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
