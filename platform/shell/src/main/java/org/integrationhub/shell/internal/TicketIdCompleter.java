package org.integrationhub.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketService;

/** Completes the ids of the most recent tickets. */
@Service
public class TicketIdCompleter implements Completer {

    @Reference
    TicketService tickets;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (Ticket t : tickets.list(new TicketQuery(null, null, null, null, TicketQuery.MAX_LIMIT)).items()) {
            delegate.getStrings().add(t.id());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
