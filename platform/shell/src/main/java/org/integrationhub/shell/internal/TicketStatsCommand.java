package org.integrationhub.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStats;
import org.integrationhub.shell.support.HubCommand;

/** The ticket metrics of GET /api/v1/metrics/tickets as a table: one row per priority and a total. */
@Service
@Command(scope = "hub", name = "ticket-stats",
        description = "Shows open, overdue and SLA-breached tickets and the average resolution time of the last hour, per priority.")
public class TicketStatsCommand extends HubCommand {

    @Reference
    TicketService tickets;

    @Override
    protected void run() {
        print(tickets.stats(), System.out);
    }

    static void print(TicketStats stats, PrintStream out) {
        long window = stats.window().toMinutes();
        out.println("Ticket metrics at " + stats.at());
        ShellTable table = new ShellTable();
        table.column("Priority");
        table.column("Open").alignRight();
        table.column("Overdue").alignRight();
        table.column("SLA breached").alignRight();
        table.column("Resolved (" + window + " min)").alignRight();
        table.column("Avg resolution").alignRight();
        for (Priority p : Priority.values()) {
            TicketStats.Figures f = stats.byPriority().get(p);
            if (f != null) {
                row(table, p.wireName(), f);
            }
        }
        row(table, "total", stats.total());
        table.print(out);
        out.println("Open: open or pending. SLA breached: overdue now, or resolved after the SLA due time.");
        out.println("Avg resolution: creation to resolution of the tickets resolved in the last " + window
                + " minutes; '-' when none was.");
    }

    private static void row(ShellTable table, String label, TicketStats.Figures f) {
        table.addRow().addContent(label, f.open(), f.overdue(), f.slaBreached(), f.resolvedInWindow(),
                duration(f.averageResolution()));
    }

    /** {@code 1 h 05 min}, {@code 12.5 min}, or {@code -} for none. */
    static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        if (d.toMinutes() >= 60) {
            return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
        }
        return String.format(Locale.ROOT, "%.1f min", d.toMillis() / 60_000.0);
    }
}
