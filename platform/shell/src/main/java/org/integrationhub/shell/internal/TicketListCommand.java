package org.integrationhub.shell.internal;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.api.Page;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.Tables;

/** Lists tickets, newest first, with filters. */
@Service
@Command(scope = "hub", name = "ticket-list", description = "Lists tickets, newest first.")
public class TicketListCommand extends HubCommand {

    @Reference
    TicketService tickets;

    @Option(name = "--status", aliases = "-s", description = "Only tickets in this status: open, pending, resolved, closed")
    @Completion(value = StringsCompleter.class, values = {"open", "pending", "resolved", "closed"})
    String status;

    @Option(name = "--priority", aliases = "-p", description = "Only tickets of this priority: low, normal, high, urgent")
    @Completion(value = StringsCompleter.class, values = {"low", "normal", "high", "urgent"})
    String priority;

    @Option(name = "--assignee", aliases = "-a", description = "Only tickets assigned to this agent")
    String assignee;

    @Option(name = "--limit", aliases = "-n", description = "How many tickets to show (1-200, default 50)")
    int limit = TicketQuery.DEFAULT_LIMIT;

    @Override
    protected void run() {
        TicketStatus s = status == null ? null : TicketStatus.fromWireName(status);
        Priority p = priority == null ? null : Priority.fromWireName(priority);
        Page<Ticket> page = tickets.list(new TicketQuery(s, p, assignee, null, limit));
        Instant now = Instant.now();
        ShellTable table = Tables.of("ID");
        table.column("Subject").maxSize(40);
        for (String column : new String[] {"Priority", "Status", "Assignee", "Customer", "SLA due"}) {
            table.column(column);
        }
        for (Ticket t : page.items()) {
            table.addRow().addContent(t.id(), t.subject(), t.priority().wireName(), t.status().wireName(),
                    t.assignee() == null ? "-" : t.assignee(), t.customer().email(),
                    t.slaDueAt() + (t.isOverdue(now) ? " OVERDUE" : ""));
        }
        table.print(System.out);
        if (page.nextCursor() != null) {
            System.out.println("(more tickets: raise --limit or use the REST API's cursor)");
        }
    }
}
