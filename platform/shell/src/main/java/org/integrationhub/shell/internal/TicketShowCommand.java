package org.integrationhub.shell.internal;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.api.Comment;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketService;
import org.integrationhub.shell.support.CommandErrors;
import org.integrationhub.shell.support.HubCommand;

/** Shows one ticket with its comments and events. */
@Service
@Command(scope = "hub", name = "ticket-show", description = "Shows a ticket with its comments and the events it emitted.")
public class TicketShowCommand extends HubCommand {

    @Reference
    TicketService tickets;

    @Argument(index = 0, name = "id", description = "The ticket's id (ULID)", required = true)
    @Completion(TicketIdCompleter.class)
    String id;

    @Override
    protected void run() {
        Ticket t = tickets.find(id).orElseThrow(() -> CommandErrors.notFound("ticket with id " + id, "hub:ticket-list"));
        System.out.println("Ticket " + t.id());
        line("Subject", t.subject());
        line("Status", t.status().wireName());
        line("Priority", t.priority().label());
        line("Assignee", t.assignee() == null ? "Unassigned" : t.assignee());
        line("Customer", t.customer().name() + " <" + t.customer().email() + ">");
        line("Created", t.createdAt().toString());
        line("Updated", t.updatedAt().toString());
        line("SLA due", t.slaDueAt() + (t.isOverdue(Instant.now()) ? " (OVERDUE)" : ""));
        line("Resolved", t.resolvedAt() == null ? "-" : t.resolvedAt().toString());
        System.out.println();
        System.out.println(t.description());
        System.out.println();
        System.out.println("Comments:");
        for (Comment c : tickets.comments(t.id())) {
            String who = c.author() == null ? "?" : c.author().name() != null ? c.author().name() : c.author().email();
            System.out.println("  " + c.createdAt() + "  " + who + (c.internal() ? " (internal)" : "") + ": " + c.body());
        }
        System.out.println("Events:");
        for (HubEvent e : tickets.events(t.id())) {
            System.out.println("  " + e.occurredAt() + "  " + e.type().wireName() + "  " + e.id()
                    + (e.changedFields().isEmpty() ? "" : "  " + e.changedFields()));
        }
    }

    private static void line(String label, String value) {
        System.out.printf("  %-9s %s%n", label + ":", value);
    }
}
