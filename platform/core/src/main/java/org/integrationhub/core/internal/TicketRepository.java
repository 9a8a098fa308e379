package org.integrationhub.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.integrationhub.api.Customer;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.persistence.Jdbc;

/** JDBC access to {@code ticket}; tickets are read together with their customer (its maps included). */
final class TicketRepository {

    private static final String SELECT = "SELECT t.id, t.subject, t.description, t.priority, t.status, t.assignee, "
            + "t.created_at, t.updated_at, t.sla_due_at, t.resolved_at, " + CustomerRepository.COLUMNS
            + " FROM ticket t JOIN customer c ON c.id = t.customer_id";

    private final CustomerRepository customers;

    TicketRepository(CustomerRepository customers) {
        this.customers = customers;
    }

    void insert(Connection c, Ticket t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket (id, subject, description, priority, "
                + "status, assignee, customer_id, created_at, updated_at, sla_due_at, resolved_at, resolved_late) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, t.id());
            ps.setString(2, t.subject());
            ps.setString(3, t.description());
            ps.setString(4, t.priority().wireName());
            ps.setString(5, t.status().wireName());
            ps.setString(6, t.assignee());
            ps.setString(7, t.customer().id());
            Jdbc.setInstant(ps, 8, t.createdAt());
            Jdbc.setInstant(ps, 9, t.updatedAt());
            Jdbc.setInstant(ps, 10, t.slaDueAt());
            Jdbc.setInstant(ps, 11, t.resolvedAt());
            ps.setBoolean(12, resolvedLate(t));
            ps.executeUpdate();
        }
    }

    /** Writes the mutable columns of {@code t}. */
    void update(Connection c, Ticket t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET subject = ?, description = ?, priority = ?, "
                + "status = ?, assignee = ?, updated_at = ?, sla_due_at = ?, resolved_at = ?, resolved_late = ? "
                + "WHERE id = ?")) {
            ps.setString(1, t.subject());
            ps.setString(2, t.description());
            ps.setString(3, t.priority().wireName());
            ps.setString(4, t.status().wireName());
            ps.setString(5, t.assignee());
            Jdbc.setInstant(ps, 6, t.updatedAt());
            Jdbc.setInstant(ps, 7, t.slaDueAt());
            Jdbc.setInstant(ps, 8, t.resolvedAt());
            ps.setBoolean(9, resolvedLate(t));
            ps.setString(10, t.id());
            ps.executeUpdate();
        }
    }

    /** The indexed flag the SLA-breached metric counts (migration V2): resolved after the SLA due time. */
    static boolean resolvedLate(Ticket t) {
        return t.resolvedAt() != null && t.resolvedAt().isAfter(t.slaDueAt());
    }

    /**
     * Locks the ticket's row until the transaction ends, so that changes of one ticket (and their outbox rows)
     * are serialised in commit order.
     *
     * @return whether the ticket exists
     */
    boolean lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM ticket WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Locks the ticket (see {@link #lock}) and reads it.
     *
     * @throws NotFoundException if {@code id} is no ticket's id (malformed ids never reach the database)
     */
    Ticket requireLocked(Connection c, String id) throws SQLException {
        if (!Ids.isValid(id) || !lock(c, id)) {
            throw notFound(id);
        }
        return find(c, id).orElseThrow(() -> notFound(id));
    }

    /** @throws NotFoundException if {@code id} is no ticket's id */
    void requireExisting(Connection c, String id) throws SQLException {
        if (!Ids.isValid(id) || find(c, id).isEmpty()) {
            throw notFound(id);
        }
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("no ticket with id " + Ids.forMessage(id));
    }

    Optional<Ticket> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE t.id = ?")) {
            ps.setString(1, id);
            List<Ticket> found = read(c, ps);
            return found.stream().findFirst();
        }
    }

    /**
     * @param afterId only tickets with a smaller id (older); null for the newest
     * @param fetch how many rows at most
     * @return matching tickets, newest first
     */
    List<Ticket> list(Connection c, TicketStatus status, Priority priority, String assignee, String afterId,
            int fetch) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        if (status != null) {
            sql.append(" AND t.status = ?");
            params.add(status.wireName());
        }
        if (priority != null) {
            sql.append(" AND t.priority = ?");
            params.add(priority.wireName());
        }
        if (assignee != null) {
            sql.append(" AND t.assignee = ?");
            params.add(assignee);
        }
        if (afterId != null) {
            sql.append(" AND t.id < ?");
            params.add(afterId);
        }
        sql.append(" ORDER BY t.id DESC LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (String p : params) {
                ps.setString(i++, p);
            }
            ps.setInt(i, fetch);
            return read(c, ps);
        }
    }

    private List<Ticket> read(Connection c, PreparedStatement ps) throws SQLException {
        List<Ticket> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Ticket(rs.getString("id"), rs.getString("subject"), rs.getString("description"),
                        Priority.fromWireName(rs.getString("priority")),
                        TicketStatus.fromWireName(rs.getString("status")), rs.getString("assignee"),
                        CustomerRepository.row(rs), Jdbc.getInstant(rs, "created_at"),
                        Jdbc.getInstant(rs, "updated_at"), Jdbc.getInstant(rs, "sla_due_at"),
                        Jdbc.getInstant(rs, "resolved_at")));
            }
        }
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, Customer> complete = customers.complete(c, rows.stream().map(Ticket::customer).toList());
        List<Ticket> result = new ArrayList<>(rows.size());
        for (Ticket t : rows) {
            result.add(new Ticket(t.id(), t.subject(), t.description(), t.priority(), t.status(), t.assignee(),
                    complete.get(t.customer().id()), t.createdAt(), t.updatedAt(), t.slaDueAt(), t.resolvedAt()));
        }
        return result;
    }
}
