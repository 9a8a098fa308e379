package org.integrationhub.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.testing.MutableClock;
import org.integrationhub.persistence.testing.TestDatabases;
import org.integrationhub.persistence.testing.TestDatabases.Kind;

/**
 * A migrated fresh database of one kind, a hand-moved clock, a recording EventAdmin and the ticket and customer services
 * over them.
 */
final class Fixture {

    /** Deliberately not on a millisecond boundary: the service truncates. */
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00.123456789Z");

    final DataSource dataSource;
    final Database db;
    final MutableClock clock = new MutableClock(T0);
    final FakeEventAdmin eventAdmin;
    final TicketServiceImpl service;
    final CustomerServiceImpl customers;

    Fixture(Kind kind) {
        this(kind, TestConfig.defaults());
    }

    Fixture(Kind kind, TicketServiceImpl.Config config) {
        dataSource = TestDatabases.create(kind);
        db = new DatabaseImpl(dataSource);
        eventAdmin = new FakeEventAdmin(dataSource);
        service = newService(db, config);
        customers = newCustomerService(db);
    }

    /** @return another customer service over the same database, clock and EventAdmin */
    CustomerServiceImpl newCustomerService(Database database) {
        CustomerServiceImpl s = new CustomerServiceImpl(database, clock);
        s.eventAdmin = eventAdmin;
        return s;
    }

    /** @return another service instance over the same database, clock and EventAdmin */
    TicketServiceImpl newService(Database database, TicketServiceImpl.Config config) {
        TicketServiceImpl s = new TicketServiceImpl(database, config, clock);
        s.eventAdmin = eventAdmin;
        return s;
    }

    static NewTicket ticket(String subject, Priority priority, String email) {
        return new NewTicket(subject, "details of " + subject, priority, new Person(email, "Customer " + email), null);
    }

    long count(String table) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
