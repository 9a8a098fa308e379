package org.integrationhub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerChange;
import org.integrationhub.api.CustomerQuery;
import org.integrationhub.api.NewCustomer;
import org.integrationhub.testkit.FakeCustomerService;
import org.junit.jupiter.api.Test;

class CustomerCommandsTest {

    @Test
    void showFindsByIdOrByEmailInAnyCaseAndPrintsEverything() {
        FakeCustomerService customers = new FakeCustomerService();
        Customer c = customers.create(new NewCustomer("lin@example.com", "Lin", "Acme", null));
        c = customers.update(c.id(), new CustomerChange(null, null, null, Map.of("hubspot.lifecycle_stage", "lead"),
                Map.of("salesforce", "003A", "hubspot", "5101")));
        assertThat(CustomerShowCommand.find(customers, "LIN@Example.com")).contains(c);
        assertThat(CustomerShowCommand.find(customers, " " + c.id() + " ")).contains(c);
        assertThat(CustomerShowCommand.find(customers, "nobody@example.com")).isEmpty();
        assertThat(CustomerShowCommand.find(customers, "01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEmpty();

        Customer shown = c;
        String[] lines = printed(out -> CustomerShowCommand.print(shown, out));
        assertThat(lines[0]).isEqualTo("Customer " + c.id());
        assertThat(lines).contains("  E-mail:  lin@example.com", "  Name:    Lin", "  Company: Acme", "  Phone:   -",
                "External ids:", "  hubspot = 5101", "  salesforce = 003A", "Attributes:",
                "  hubspot.lifecycle_stage = lead");
    }

    @Test
    void listPrintsOneRowPerCustomerAndSaysWhenThereAreMore() {
        FakeCustomerService customers = new FakeCustomerService();
        customers.create(new NewCustomer("a@example.com", "A", null, "+1 555"));
        customers.create(new NewCustomer("b@example.com", null, "Beta", null));
        customers.linkExternalId(customers.findByEmail("b@example.com").orElseThrow().id(), "hubspot", "7");
        String[] lines = printed(out -> CustomerListCommand.print(customers.list(new CustomerQuery(null, null, 1)),
                out));
        assertThat(lines[0]).contains("ID", "E-mail", "Name", "Company", "Phone", "External ids", "Updated");
        assertThat(lines[2]).contains("a@example.com", "A", "+1 555");
        assertThat(lines[lines.length - 1]).startsWith("(more customers");

        lines = printed(out -> CustomerListCommand.print(customers.list(new CustomerQuery("B@EXAMPLE.com", null, 0)),
                out));
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).contains("b@example.com", "Beta", "hubspot=7");
    }

    private static String[] printed(Consumer<PrintStream> print) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).split("\\R");
    }
}
