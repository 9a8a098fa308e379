package org.integrationhub.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Rating;
import org.integrationhub.api.Ticket;
import org.integrationhub.json.HubJson;
import org.integrationhub.persistence.Jdbc;

/** Writes events to {@code outbox_event} in the caller's transaction, and reads them back. */
final class OutboxWriter {

    static final String INSERT = "INSERT INTO outbox_event (id, type, ticket_id, occurred_at, payload) "
            + "VALUES (?, ?, ?, ?, ?)";

    private final Ids ids;

    OutboxWriter(Ids ids) {
        this.ids = ids;
    }

    /** @return the written ticket event, with its outbox sequence */
    HubEvent append(Connection c, EventType type, Instant at, Ticket ticket, Comment comment, Rating rating,
            Set<String> changedFields) throws SQLException {
        return insert(c, new HubEvent(ids.next(), 0, type, at, ticket, comment, rating, changedFields, null));
    }

    /**
     * Writes {@code customer.updated}; the customer's id goes into the {@code ticket_id} column, the per-subject key
     * the delivery engine orders by.
     *
     * @return the written event, with its outbox sequence
     */
    HubEvent appendCustomer(Connection c, Instant at, Customer customer, Set<String> changedFields)
            throws SQLException {
        return insert(c, new HubEvent(ids.next(), 0, EventType.CUSTOMER_UPDATED, at, null, null, null, changedFields,
                customer));
    }

    private static HubEvent insert(Connection c, HubEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, event.id());
            ps.setString(2, event.type().wireName());
            ps.setString(3, event.subjectId());
            Jdbc.setInstant(ps, 4, event.occurredAt());
            ps.setString(5, HubJson.eventJson(event));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("outbox insert returned no sequence");
                }
                long seq = keys.getLong("seq");
                return new HubEvent(event.id(), seq, event.type(), event.occurredAt(), event.ticket(),
                        event.comment(), event.rating(), event.changedFields(), event.customer());
            }
        }
    }

    /** @return the events of a ticket (or of a customer: {@code customer.updated}) in outbox order */
    List<HubEvent> events(Connection c, String subjectId) throws SQLException {
        List<HubEvent> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, payload FROM outbox_event WHERE ticket_id = ? ORDER BY seq")) {
            ps.setString(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(HubJson.readEvent(rs.getString("payload"), rs.getLong("seq")));
                }
            }
        }
        return result;
    }
}
