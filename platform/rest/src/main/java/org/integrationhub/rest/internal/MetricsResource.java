package org.integrationhub.rest.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStats;
import org.integrationhub.rest.spi.RequiresScope;
import org.integrationhub.security.Scopes;

/**
 * Ticket metrics (CONTRACT "Metrics"): open, overdue and SLA-breached tickets and the average resolution time of the
 * last 60 minutes, in total and per priority. Computed from indexes by the core, so a call stays fast at any size.
 */
@Path("/v1/metrics/tickets")
@Produces(Wire.JSON_UTF8)
public class MetricsResource {

    private final TicketService tickets;

    MetricsResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @GET
    @RequiresScope(Scopes.TICKETS_READ)
    public Map<String, Object> tickets() {
        TicketStats stats = tickets.stats();
        Map<String, Object> body = figures(stats.total());
        body.put("window_minutes", stats.window().toMinutes());
        body.put("at", stats.at().toString());
        Map<String, Object> byPriority = new LinkedHashMap<>();
        for (Priority p : Priority.values()) {
            TicketStats.Figures f = stats.byPriority().get(p);
            if (f != null) {
                byPriority.put(p.wireName(), figures(f));
            }
        }
        body.put("by_priority", byPriority);
        return body;
    }

    private static Map<String, Object> figures(TicketStats.Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("open", f.open());
        m.put("overdue", f.overdue());
        m.put("sla_breached", f.slaBreached());
        m.put("average_resolution_minutes", minutes(f.averageResolution()));
        m.put("resolved_in_window", f.resolvedInWindow());
        return m;
    }

    /** Minutes with two decimals (a resolution of 90 s is 1.5), or null when nothing was resolved in the window. */
    static Double minutes(Duration d) {
        return d == null ? null : Math.round(d.toMillis() / 600.0) / 100.0;
    }
}
