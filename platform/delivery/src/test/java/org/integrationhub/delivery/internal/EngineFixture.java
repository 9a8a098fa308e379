package org.integrationhub.delivery.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.json.HubJson;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.SubscriptionSource;
import org.integrationhub.delivery.internal.journal.Journal;
import org.integrationhub.delivery.internal.shared.Ids;
import org.integrationhub.delivery.internal.shared.Settings;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.testing.TestDatabases;

/** A migrated fresh database, a real scheduler, and engines over them; writes outbox events as the core does. */
final class EngineFixture implements AutoCloseable {

    final DataSource dataSource;
    final Database db;
    final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(4);
    private final List<DeliveryEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();

    EngineFixture(TestDatabases.Kind kind) {
        dataSource = TestDatabases.create(kind);
        db = new DatabaseImpl(dataSource);
    }

    static Settings settings(String node) {
        return Settings.defaults(node).withRequiredKinds(Set.of());
    }

    DeliveryEngine engine(Settings settings, DeliveryTransport transport, SubscriptionSource source) {
        DeliveryEngine e = new DeliveryEngine(db, scheduler, Clock.systemUTC(), settings);
        engines.add(e);
        if (source != null) {
            e.bindSource(source, Map.of(DeliveryTransport.KIND_PROPERTY, "test"));
        }
        if (transport != null) {
            e.bindTransport(transport, Map.of(DeliveryTransport.KIND_PROPERTY, "test"));
        }
        return e;
    }

    /** Writes an event to the outbox in its own transaction, as the core does. */
    HubEvent append(String ticketId, EventType type) {
        return db.inTransaction(c -> append(c, ticketId, type));
    }

    static HubEvent append(Connection c, String ticketId, EventType type) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Ticket t = new Ticket(ticketId, "subject " + ticketId, "description", Priority.NORMAL, TicketStatus.OPEN, null,
                new Customer("01J00000000000000000000000", "a@example.com", "A", Map.of(), now), now, now,
                now.plus(Duration.ofHours(1)), null);
        HubEvent e = new HubEvent(Ids.next(), 0, type, now, t, null, null, Set.of());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_event (id, type, ticket_id, occurred_at,"
                + " payload) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, e.id());
            ps.setString(2, type.wireName());
            ps.setString(3, ticketId);
            Jdbc.setInstant(ps, 4, now);
            ps.setString(5, HubJson.eventJson(e));
            ps.executeUpdate();
        }
        return e;
    }

    Map<String, Long> statusCounts() {
        return db.inTransaction(c -> {
            Map<String, Long> m = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM delivery GROUP BY status");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getLong(2));
                }
            }
            long journaled = journaled(c, null).size();
            if (journaled > 0) {
                m.merge("DELIVERED", journaled, Long::sum);
            }
            return m;
        });
    }

    /** @return the journal's entries (of one subscriber, or all) that have no delivery row */
    static List<Journal.Entry> journaled(Connection c, String subscriberId) throws SQLException {
        List<Journal.Entry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, subscriber_id, records FROM delivery_journal");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (subscriberId == null || subscriberId.equals(rs.getString(2))) {
                    entries.addAll(Journal.parse(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        java.util.Set<String> rows = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM delivery"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        entries.removeIf(e -> rows.contains(e.deliveryId()));
        return entries;
    }

    /** @return the subscriber's delivered deliveries: DELIVERED rows and journal entries */
    long delivered(String subscriberId) {
        return db.inTransaction(c -> journaled(c, subscriberId).size()
                + count(c, "SELECT COUNT(*) FROM delivery WHERE status = 'DELIVERED' AND subscriber_id = '"
                        + subscriberId + "'"));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long count(String sql) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    void stop(DeliveryEngine e) {
        e.deactivate();
        engines.remove(e);
    }

    @Override
    public void close() throws InterruptedException {
        engines.forEach(DeliveryEngine::deactivate);
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
}
