package org.integrationhub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integrationhub.core.internal.Fixture.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.integrationhub.api.Customer;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.ValidationException;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CustomerServiceTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void ticketsOfOneEmailShareOneCustomer(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket a = f.service.create(new NewTicket("a", null, null, new Person("Ada@Example.com", null), null));
        Ticket b = f.service.create(new NewTicket("b", null, null, new Person("ada@example.COM", "Ada L."), null));
        Ticket c = f.service.create(new NewTicket("c", null, null, new Person("ada@example.com", "Someone"), null));
        assertThat(b.customer().id()).isEqualTo(a.customer().id()).isEqualTo(c.customer().id());
        assertThat(a.customer().name()).isEmpty();
        assertThat(b.customer().name()).as("an empty name is filled in").isEqualTo("Ada L.");
        assertThat(c.customer().name()).as("a known name is not overwritten").isEqualTo("Ada L.");
        assertThat(f.count("customer")).isEqualTo(1);
        assertThat(f.customers.findByEmail(" ADA@example.com")).map(Customer::id).contains(a.customer().id());
        assertThat(f.customers.findByEmail("nobody@example.com")).isEmpty();
        assertThat(f.customers.findByEmail(null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void linksExternalIdsAndShowsThemOnTickets(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(ticket("ext", Priority.NORMAL, "ext@example.com"));
        String id = t.customer().id();
        f.customers.linkExternalId(id, "salesforce", "003A");
        f.customers.linkExternalId(id, "salesforce", "003B");
        Customer linked = f.customers.linkExternalId(id, "zendesk", "42");
        assertThat(linked.externalIds()).isEqualTo(Map.of("salesforce", "003B", "zendesk", "42"));
        assertThat(f.service.find(t.id()).orElseThrow().customer()).isEqualTo(linked);
        assertThat(f.service.list(new org.integrationhub.api.TicketQuery(null, null, null, null, 10)).items()
                .get(0).customer().externalIds()).containsEntry("zendesk", "42");
        assertThat(f.customers.findByEmail("ext@example.com")).contains(linked);

        assertThatThrownBy(() -> f.customers.linkExternalId("01ARZ3NDEKTSV4RRFFQ69G5FAV", "x", "y"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.customers.linkExternalId("nope", "x", "y")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.customers.linkExternalId(id, " ", "y")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.customers.linkExternalId(id, "s", null)).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentFirstTicketsOfANewCustomerCreateItOnce(Kind kind) throws Exception {
        Fixture f = new Fixture(kind);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 3; round++) {
                String email = "race" + round + "@example.com";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Ticket>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    int n = i;
                    results.add(pool.submit(() -> {
                        start.await();
                        return f.service.create(ticket("race " + n, Priority.NORMAL, email));
                    }));
                }
                start.countDown();
                List<String> customerIds = new ArrayList<>();
                for (Future<Ticket> r : results) {
                    customerIds.add(r.get(30, TimeUnit.SECONDS).customer().id());
                }
                assertThat(customerIds).as(email).containsOnly(customerIds.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.count("customer")).isEqualTo(3);
        assertThat(f.count("ticket")).isEqualTo(3L * threads);
        assertThat(f.count("outbox_event")).isEqualTo(3L * threads);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void losingTheInsertRaceReusesTheWinnersCustomerAndKeepsTheTransaction(Kind kind) throws Exception {
        Fixture f = new Fixture(kind);
        String winnerId = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
        try (java.sql.Connection other = f.dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var ps = other.prepareStatement(
                    "INSERT INTO customer (id, email, name, created_at) VALUES (?, 'race@example.com', 'W', ?)")) {
                ps.setString(1, winnerId);
                ps.setObject(2, java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"));
                ps.executeUpdate();
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                // the service does not see the uncommitted row, so it inserts and blocks on the unique index
                Future<Ticket> loser = pool.submit(() -> f.service.create(ticket("late", Priority.LOW,
                        "race@example.com")));
                Thread.sleep(500);
                other.commit();
                Ticket t = loser.get(30, TimeUnit.SECONDS);
                assertThat(t.customer().id()).isEqualTo(winnerId);
                assertThat(f.service.find(t.id())).contains(t);
                assertThat(f.service.events(t.id())).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(f.count("customer")).isEqualTo(1);
    }
}
