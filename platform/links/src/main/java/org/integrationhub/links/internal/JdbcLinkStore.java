package org.integrationhub.links.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link LinkStore}: private values in table {@code integration_link} (migration V40), public links in
 * {@code ticket_link} (V42). Each call is one auto-committed
 * statement; {@code put} is an update, else an insert, and retries the update if a concurrent insert won (SQL
 * state 23505 on H2 and PostgreSQL).
 */
@Component(service = LinkStore.class)
public class JdbcLinkStore implements LinkStore {

    static final int MAX_KEY = 100;
    static final int MAX_VALUE = 1000;

    private final DataSource dataSource;
    private final Clock clock;

    @Activate
    public JdbcLinkStore(@Reference Database database) {
        this(database.dataSource(), Clock.systemUTC());
    }

    JdbcLinkStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String integrationName, String ticketId, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT link_value FROM integration_link WHERE integration_name = ? AND ticket_id = ? AND link_key = ?")) {
            bind(s, 1, integrationName, ticketId, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a connector link failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String integrationName, String ticketId, String key, String value) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("link key must be 1 to " + MAX_KEY + " characters");
        }
        if (value == null || value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("link value must be at most " + MAX_VALUE + " characters");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (update(c, integrationName, ticketId, key, value) > 0) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO integration_link (link_value, updated_at, "
                    + "integration_name, ticket_id, link_key) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, value);
                Jdbc.setInstant(s, 2, clock.instant());
                bind(s, 3, integrationName, ticketId, key);
                s.executeUpdate();
            } catch (SQLException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
                update(c, integrationName, ticketId, key, value);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing a connector link failed: " + e.getMessage(), e);
        }
    }

    private int update(Connection c, String integrationName, String ticketId, String key, String value)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE integration_link SET link_value = ?, updated_at = ? "
                + "WHERE integration_name = ? AND ticket_id = ? AND link_key = ?")) {
            s.setString(1, value);
            Jdbc.setInstant(s, 2, clock.instant());
            bind(s, 3, integrationName, ticketId, key);
            return s.executeUpdate();
        }
    }

    @Override
    public void remove(String integrationName, String ticketId, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM integration_link WHERE integration_name = ? AND ticket_id = ? AND link_key = ?")) {
            bind(s, 1, integrationName, ticketId, key);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("removing a connector link failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement s, int first, String integrationName, String ticketId, String key)
            throws SQLException {
        s.setString(first, integrationName);
        s.setString(first + 1, ticketId);
        s.setString(first + 2, key);
    }

    private static final String LINK_COLUMNS = "SELECT integration_name, ticket_id, link_type, remote_key, url "
            + "FROM ticket_link ";

    @Override
    public void putLink(TicketLink link) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    writeLink(c, link);
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    if (!Jdbc.isUniqueViolation(e) || attempt == 3) {
                        throw e;
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("storing a ticket link failed: " + e.getMessage(), e);
            }
        }
    }

    /** Frees the remote key from any other ticket, then updates or inserts the (instance, ticket, type) row. */
    private void writeLink(Connection c, TicketLink link) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ticket_link WHERE integration_name = ? "
                + "AND link_type = ? AND remote_key = ? AND ticket_id <> ?")) {
            s.setString(1, link.integration());
            s.setString(2, link.type());
            s.setString(3, link.key());
            s.setString(4, link.ticketId());
            s.executeUpdate();
        }
        Instant now = clock.instant();
        try (PreparedStatement s = c.prepareStatement("UPDATE ticket_link SET remote_key = ?, url = ?, updated_at = ? "
                + "WHERE integration_name = ? AND ticket_id = ? AND link_type = ?")) {
            s.setString(1, link.key());
            s.setString(2, link.url());
            Jdbc.setInstant(s, 3, now);
            bind(s, 4, link.integration(), link.ticketId(), link.type());
            if (s.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ticket_link (remote_key, url, updated_at, "
                + "integration_name, ticket_id, link_type) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, link.key());
            s.setString(2, link.url());
            Jdbc.setInstant(s, 3, now);
            bind(s, 4, link.integration(), link.ticketId(), link.type());
            s.executeUpdate();
        }
    }

    @Override
    public Optional<TicketLink> link(String integrationName, String ticketId, String type) {
        List<TicketLink> found = queryLinks(LINK_COLUMNS
                + "WHERE integration_name = ? AND ticket_id = ? AND link_type = ?", integrationName, ticketId, type);
        return found.stream().findFirst();
    }

    @Override
    public Optional<TicketLink> findByKey(String integrationName, String type, String key) {
        List<TicketLink> found = queryLinks(LINK_COLUMNS
                + "WHERE integration_name = ? AND link_type = ? AND remote_key = ?", integrationName, type, key);
        return found.stream().findFirst();
    }

    @Override
    public List<TicketLink> links(String ticketId) {
        return queryLinks(LINK_COLUMNS + "WHERE ticket_id = ? ORDER BY integration_name, link_type", ticketId);
    }

    @Override
    public void removeLink(String integrationName, String ticketId, String type) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM ticket_link WHERE integration_name = ? AND ticket_id = ? AND link_type = ?")) {
            bind(s, 1, integrationName, ticketId, type);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("removing a ticket link failed: " + e.getMessage(), e);
        }
    }

    private List<TicketLink> queryLinks(String sql, String... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            List<TicketLink> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new TicketLink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading ticket links failed: " + e.getMessage(), e);
        }
    }
}
