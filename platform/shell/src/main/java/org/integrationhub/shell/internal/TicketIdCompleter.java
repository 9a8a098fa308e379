package org.integrationhub.shell.internal;

import java.util.Collection;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketService;
import org.integrationhub.shell.support.ValuesCompleter;

/** Completes the ids of the most recent tickets. */
@Service
public class TicketIdCompleter extends ValuesCompleter {

    @Reference
    TicketService tickets;

    @Override
    protected Collection<String> values() {
        return tickets.list(new TicketQuery(null, null, null, null, TicketQuery.MAX_LIMIT)).items().stream()
                .map(Ticket::id).toList();
    }
}
