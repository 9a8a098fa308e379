package org.integrationhub.shell.internal;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerService;
import org.integrationhub.shell.support.CommandErrors;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.Tables;

/** Shows one customer, found by id or by e-mail address, with its external ids and attributes. */
@Service
@Command(scope = "hub", name = "customer-show", description = "Shows a customer (by id or e-mail address) with its "
        + "external ids and attributes.")
public class CustomerShowCommand extends HubCommand {

    @Reference
    CustomerService customers;

    @Argument(index = 0, name = "customer", description = "The customer's id (ULID) or e-mail address", required = true)
    @Completion(CustomerIdCompleter.class)
    String customer;

    @Override
    protected void run() {
        print(find(customers, customer).orElseThrow(() -> CommandErrors.notFound(
                "customer " + (customer.contains("@") ? "with e-mail address " : "with id ") + customer,
                "hub:customer-list")), System.out);
    }

    /** @return the customer with this e-mail address (any case) if the argument has an '@', else with this id */
    static Optional<Customer> find(CustomerService customers, String idOrEmail) {
        return idOrEmail.contains("@") ? customers.findByEmail(idOrEmail) : customers.find(idOrEmail.strip());
    }

    static void print(Customer c, PrintStream out) {
        out.println("Customer " + c.id());
        line(out, "E-mail", c.email());
        line(out, "Name", c.name().isEmpty() ? "-" : c.name());
        line(out, "Company", Tables.orDash(c.company()));
        line(out, "Phone", Tables.orDash(c.phone()));
        line(out, "Created", c.createdAt().toString());
        line(out, "Updated", c.updatedAt().toString());
        out.println("External ids:");
        c.externalIds().forEach((source, id) -> out.println("  " + source + " = " + id));
        if (c.externalIds().isEmpty()) {
            out.println("  -");
        }
        out.println("Attributes:");
        c.attributes().forEach((key, value) -> out.println("  " + key + " = " + value));
        if (c.attributes().isEmpty()) {
            out.println("  -");
        }
    }

    /** @return {@code a=1, b=2}, keys sorted */
    static String pairs(Map<String, String> map) {
        return new java.util.TreeMap<>(map).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf("  %-8s %s%n", label + ":", value);
    }
}
