package org.integrationhub.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerQuery;
import org.integrationhub.api.CustomerService;
import org.integrationhub.api.TicketQuery;

/** Completes the ids and e-mail addresses of the first customers (one page). */
@Service
public class CustomerIdCompleter implements Completer {

    @Reference
    CustomerService customers;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (Customer c : customers.list(new CustomerQuery(null, null, TicketQuery.MAX_LIMIT)).items()) {
            delegate.getStrings().add(c.id());
            delegate.getStrings().add(c.email());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
