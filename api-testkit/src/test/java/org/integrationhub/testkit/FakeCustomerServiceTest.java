package org.integrationhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.integrationhub.api.Customer;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Person;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.junit.jupiter.api.Test;

/** The customer rules, as platform/core's CustomerServiceTest pins them. */
class FakeCustomerServiceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final FakeCustomerService customers = new FakeCustomerService(clock);
    private final FakeTicketService tickets = new FakeTicketService(customers, clock);

    @Test
    void customersAreCreatedOnFirstSightAndFoundByNormalisedEmail() {
        Customer ada = tickets.create(new NewTicket("a", null, null, new Person("Ada@Example.com", "Ada"), null))
                .customer();
        assertThat(Ulids.isValid(ada.id())).isTrue();
        assertThat(ada.createdAt()).isEqualTo(clock.instant());
        assertThat(customers.findByEmail(" ADA@example.com")).contains(ada);
        assertThat(customers.findByEmail("nobody@example.com")).isEmpty();
        assertThat(customers.findByEmail(null)).isEmpty();
        assertThat(customers.findByEmail(" ")).isEmpty();
        assertThat(customers.find(ada.id())).contains(ada);
    }

    @Test
    void linkExternalIdValidatesReplacesAndKeepsOthers() {
        String id = tickets.create(new NewTicket("a", null, null, new Person("ext@example.com", null), null))
                .customer().id();
        customers.linkExternalId(id, "salesforce", "003A");
        customers.linkExternalId(id, "salesforce", "003B");
        Customer linked = customers.linkExternalId(id, "zendesk", "42");
        assertThat(linked.externalIds()).isEqualTo(Map.of("salesforce", "003B", "zendesk", "42"));
        assertThat(customers.findByEmail("ext@example.com")).contains(linked);

        assertThatThrownBy(() -> customers.linkExternalId("01ARZ3NDEKTSV4RRFFQ69G5FAV", "x", "y"))
                .isInstanceOf(NotFoundException.class).hasMessage("no customer with id 01ARZ3NDEKTSV4RRFFQ69G5FAV");
        assertThatThrownBy(() -> customers.linkExternalId("nope", "x", "y")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> customers.linkExternalId("nope", " ", null))
                .as("validation comes before the lookup").isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).containsExactly(
                        new FieldError("source", "is required"), new FieldError("external_id", "is required")));
        assertThatThrownBy(() -> customers.linkExternalId(id, "s".repeat(65), "e".repeat(256)))
                .satisfies(e -> assertThat(((ValidationException) e).errors()).containsExactly(
                        new FieldError("source", "must be at most 64 characters"),
                        new FieldError("external_id", "must be at most 255 characters")));
    }

    @Test
    void addArrangesACustomerAndReplacesOneOfTheSameEmail() {
        Customer first = customers.add(new Customer("C1", "Ann@Example.com", "Ann", Map.of(), clock.instant()));
        assertThat(customers.findByEmail("ann@example.com")).contains(first);
        Customer second = customers.add(new Customer("C2", "ann@example.com", "Ann B", Map.of(), clock.instant()));
        assertThat(customers.findByEmail("ANN@example.com")).contains(second);
        assertThat(customers.all()).containsExactly(second);
    }
}
