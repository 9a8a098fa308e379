package org.integrationhub.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerQuery;
import org.integrationhub.api.CustomerService;
import org.integrationhub.api.Page;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.Tables;

/** Lists customers in creation order, or the one with an e-mail address. */
@Service
@Command(scope = "hub", name = "customer-list", description = "Lists customers in creation order.")
public class CustomerListCommand extends HubCommand {

    @Reference
    CustomerService customers;

    @Option(name = "--email", aliases = "-e", description = "Only the customer with this e-mail address (any case)")
    String email;

    @Option(name = "--limit", aliases = "-n", description = "How many customers to show (1-200, default 50)")
    int limit = TicketQuery.DEFAULT_LIMIT;

    @Override
    protected void run() {
        print(customers.list(new CustomerQuery(email, null, limit)), System.out);
    }

    static void print(Page<Customer> page, PrintStream out) {
        ShellTable table = Tables.of("ID");
        table.column("E-mail").maxSize(40);
        table.column("Name").maxSize(30);
        table.column("Company").maxSize(30);
        table.column("Phone");
        table.column("External ids").maxSize(40);
        table.column("Updated");
        for (Customer c : page.items()) {
            table.addRow().addContent(c.id(), c.email(), c.name().isEmpty() ? "-" : c.name(), Tables.orDash(c.company()),
                    Tables.orDash(c.phone()), c.externalIds().isEmpty() ? "-" : CustomerShowCommand.pairs(c.externalIds()),
                    c.updatedAt());
        }
        table.print(out);
        if (page.nextCursor() != null) {
            out.println("(more customers: raise --limit or use the REST API's cursor)");
        }
    }
}
