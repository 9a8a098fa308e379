package org.integrationhub.shell.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerQuery;
import org.integrationhub.api.CustomerService;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.shell.support.ValuesCompleter;

/** Completes the ids and e-mail addresses of the first customers (one page). */
@Service
public class CustomerIdCompleter extends ValuesCompleter {

    @Reference
    CustomerService customers;

    @Override
    protected Collection<String> values() {
        List<String> words = new ArrayList<>();
        for (Customer c : customers.list(new CustomerQuery(null, null, TicketQuery.MAX_LIMIT)).items()) {
            words.add(c.id());
            words.add(c.email());
        }
        return words;
    }
}
