package org.integrationhub.delivery.internal.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.delivery.internal.journal.Journal;
import org.integrationhub.delivery.internal.relay.Relay;
import org.integrationhub.delivery.internal.shared.Ids;
import org.integrationhub.delivery.internal.shared.Sql;
import org.integrationhub.persistence.Jdbc;

/** Schedules the events of a time range again for one subscriber: resets existing deliveries, creates missing ones. */
public final class Replay {

    /** Resets a completed delivery of the event to PENDING, due now. */
    private static final String RESET = Sql.RESET
            + " WHERE kind = ? AND subscriber_id = ? AND event_id = ? AND status <> 'PENDING'";
    /** Makes the event's delivery, PENDING and due now, unless it has one. */
    private static final String INSERT = "INSERT INTO delivery (id, kind, subscriber_id, event_id, event_seq,"
            + " event_type, ticket_id, status, attempts, next_attempt_at, created_at, queue_key)"
            + " SELECT ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ? FROM delivery_relay WHERE id = 1 AND NOT EXISTS"
            + " (SELECT 1 FROM delivery WHERE kind = ? AND subscriber_id = ? AND event_id = ?)";

    private final Connection c;
    private final Instant now;

    public Replay(Connection c, Instant now) {
        this.c = c;
        this.now = now;
    }

    /**
     * Schedules the subscriber's deliveries of the events that occurred in {@code [since, until)} (of these types;
     * empty: all) again: journaled ones move into the rows first, completed rows are reset to PENDING, missing ones
     * are made.
     *
     * @return the number of deliveries scheduled
     */
    public int run(String kind, String subscriberId, Instant since, Instant until, Set<EventType> types)
            throws SQLException {
        // one at a time with the relay: a batch's check for open deliveries of a ticket then sees every row replayed
        Relay.lockPosition(c);
        List<Event> events = events(since, until, types);
        if (events.isEmpty()) {
            return 0;
        }
        moveJournaled(kind, subscriberId, events);
        int scheduled = schedule(kind, subscriberId, events);
        markRowsAhead(events.get(events.size() - 1).seq());
        return scheduled;
    }

    /** An outbox event of the range, as much of it as a delivery row needs. */
    private record Event(long seq, String id, String type, String ticketId) {
    }

    /** @return the events of the range, in outbox order */
    private List<Event> events(Instant since, Instant until, Set<EventType> types) throws SQLException {
        String typeFilter = types.isEmpty() ? "" : " AND type IN (" + Jdbc.placeholders(types.size()) + ")";
        List<Event> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, id, type, ticket_id FROM outbox_event"
                + " WHERE occurred_at >= ? AND occurred_at < ?" + typeFilter + " ORDER BY seq")) {
            Jdbc.setInstant(ps, 1, since);
            Jdbc.setInstant(ps, 2, until);
            int i = 3;
            for (EventType t : types) {
                ps.setString(i++, t.wireName());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return events;
    }

    /** The journaled deliveries of these events move into the rows, which {@link #schedule} then resets. */
    private void moveJournaled(String kind, String subscriberId, List<Event> events) throws SQLException {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.id()));
        Journal.moveToRows(c, kind, subscriberId, events.get(0).seq(), events.get(events.size() - 1).seq(),
                x -> ids.contains(x.eventId()));
    }

    /** @return the number of deliveries reset to PENDING or made, one per event */
    private int schedule(String kind, String subscriberId, List<Event> events) throws SQLException {
        int scheduled = 0;
        try (PreparedStatement reset = c.prepareStatement(RESET);
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Event e : events) {
                Jdbc.setInstant(reset, 1, now);
                reset.setString(2, kind);
                reset.setString(3, subscriberId);
                reset.setString(4, e.id());
                scheduled += reset.executeUpdate();
                scheduled += insertMissing(insert, kind, subscriberId, e);
            }
        }
        return scheduled;
    }

    /** @return 1 if the event had no delivery to the subscriber and now has a PENDING one, else 0 */
    private int insertMissing(PreparedStatement insert, String kind, String subscriberId, Event e)
            throws SQLException {
        insert.setString(1, Ids.delivery(kind, subscriberId, e.id(), e.seq()));
        insert.setString(2, kind);
        insert.setString(3, subscriberId);
        insert.setString(4, e.id());
        insert.setLong(5, e.seq());
        insert.setString(6, e.type());
        insert.setString(7, e.ticketId());
        Jdbc.setInstant(insert, 8, now);
        Jdbc.setInstant(insert, 9, now);
        insert.setString(10, Sql.queueKey(kind, subscriberId, e.ticketId()));
        insert.setString(11, kind);
        insert.setString(12, subscriberId);
        insert.setString(13, e.id());
        return insert.executeUpdate();
    }

    /** The relay, reaching events up to {@code last}, looks for their rows before it sends any of them. */
    private void markRowsAhead(long last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE delivery_relay SET rows_ahead = ? WHERE id = 1 AND rows_ahead < ?")) {
            ps.setLong(1, last);
            ps.setLong(2, last);
            ps.executeUpdate();
        }
    }
}
