package org.integrationhub.delivery.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.integrationhub.api.EventType;

/** Schedules the events of a time range again for one subscriber: resets existing deliveries, creates missing ones. */
final class Replay {

    private final Connection c;
    private final Instant now;

    Replay(Connection c, Instant now) {
        this.c = c;
        this.now = now;
    }

    int run(String kind, String subscriberId, Instant since, Instant until, Set<EventType> types) throws SQLException {
        // one at a time with the relay: a batch's check for open deliveries of a ticket then sees every row replayed
        Relay.lockPosition(c);
        String typeFilter = types.isEmpty() ? "" : " AND type IN (" + Sql.placeholders(types.size()) + ")";
        List<Object[]> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, id, type, ticket_id FROM outbox_event"
                + " WHERE occurred_at >= ? AND occurred_at < ?" + typeFilter + " ORDER BY seq")) {
            Sql.setInstant(ps, 1, since);
            Sql.setInstant(ps, 2, until);
            int i = 3;
            for (EventType t : types) {
                ps.setString(i++, t.wireName());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        if (!events.isEmpty()) { // journaled deliveries of these events move into the rows, which are reset below
            Set<String> ids = new java.util.HashSet<>();
            events.forEach(e -> ids.add((String) e[1]));
            Journal.moveToRows(c, kind, subscriberId, (Long) events.get(0)[0], (Long) events.get(events.size() - 1)[0],
                    x -> ids.contains(x.eventId()));
        }
        int scheduled = 0;
        try (PreparedStatement reset = c.prepareStatement("UPDATE delivery SET status = 'PENDING', attempts = 0,"
                + " next_attempt_at = ?, completed_at = NULL, queue_key = " + Sql.QUEUE_KEY
                + ", locked_until = NULL, lease_owner = NULL"
                + " WHERE kind = ? AND subscriber_id = ? AND event_id = ? AND status <> 'PENDING'");
                PreparedStatement insert = c.prepareStatement("INSERT INTO delivery (id, kind, subscriber_id,"
                        + " event_id, event_seq, event_type, ticket_id, status, attempts, next_attempt_at,"
                        + " created_at, queue_key) SELECT ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?"
                        + " FROM delivery_relay"
                        + " WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM delivery WHERE kind = ? AND"
                        + " subscriber_id = ? AND event_id = ?)")) {
            for (Object[] e : events) {
                Sql.setInstant(reset, 1, now);
                reset.setString(2, kind);
                reset.setString(3, subscriberId);
                reset.setString(4, (String) e[1]);
                scheduled += reset.executeUpdate();
                insert.setString(1, Ids.delivery(kind, subscriberId, (String) e[1], (Long) e[0]));
                insert.setString(2, kind);
                insert.setString(3, subscriberId);
                insert.setString(4, (String) e[1]);
                insert.setLong(5, (Long) e[0]);
                insert.setString(6, (String) e[2]);
                insert.setString(7, (String) e[3]);
                Sql.setInstant(insert, 8, now);
                Sql.setInstant(insert, 9, now);
                insert.setString(10, Sql.queueKey(kind, subscriberId, (String) e[3]));
                insert.setString(11, kind);
                insert.setString(12, subscriberId);
                insert.setString(13, (String) e[1]);
                scheduled += insert.executeUpdate();
            }
        }
        if (!events.isEmpty()) { // the relay, reaching these events, looks for their rows before sending any
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE delivery_relay SET rows_ahead = ? WHERE id = 1 AND rows_ahead < ?")) {
                long last = (Long) events.get(events.size() - 1)[0];
                ps.setLong(1, last);
                ps.setLong(2, last);
                ps.executeUpdate();
            }
        }
        return scheduled;
    }
}
