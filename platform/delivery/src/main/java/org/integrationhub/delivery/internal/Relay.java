package org.integrationhub.delivery.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.integrationhub.api.HubEvent;
import org.integrationhub.core.json.HubJson;
import org.integrationhub.delivery.SubscriptionSource;
import org.integrationhub.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns committed outbox events into one delivery row per interested subscriber. One relay runs at a time across all
 * nodes (it locks the {@code delivery_relay} row). Sequence numbers not visible yet (a concurrent transaction still
 * open, or rolled back) are remembered as gaps and relayed when they appear; a ticket's own events cannot be
 * reordered by this, because the core serialises a ticket's changes on its row lock (a later event of a ticket is
 * inserted only after the earlier one committed).
 */
final class Relay {

    private static final int MAX_GAPS_PER_RANGE = 1000;
    private static final String INSERT_DELIVERY = "INSERT INTO delivery (id, kind, subscriber_id, event_id, event_seq,"
            + " event_type, ticket_id, status, attempts, next_attempt_at, created_at, queue_key)"
            + " SELECT ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ? FROM delivery_relay WHERE id = 1 AND NOT EXISTS"
            + " (SELECT 1 FROM delivery WHERE kind = ? AND subscriber_id = ? AND event_id = ?)";

    private final Logger logger = LoggerFactory.getLogger(Relay.class);
    private final Database db;
    private final Clock clock;
    private final Settings settings;

    Relay(Database db, Clock clock, Settings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Relays one batch.
     *
     * @param sources the present subscription sources by kind
     * @return the number of outbox events relayed (0 when there was nothing new)
     */
    int relayBatch(Map<String, SubscriptionSource> sources) {
        if (!sources.keySet().containsAll(settings.requiredKinds())) {
            logger.debug("Relay waits for subscription sources {} (present: {})", settings.requiredKinds(),
                    sources.keySet());
            return 0;
        }
        return db.inTransaction(c -> relay(c, sources));
    }

    private int relay(Connection c, Map<String, SubscriptionSource> sources) throws SQLException {
        long position = lockPosition(c);
        Instant now = clock.instant();
        TreeSet<Long> gaps = gaps(c, now);
        List<long[]> noticed = new ArrayList<>();
        List<Row> rows = read(c, "seq > ? ORDER BY seq", position, settings.batchSize());
        long expected = position + 1;
        for (Row r : rows) {
            for (long s = expected; s < r.seq && s < expected + MAX_GAPS_PER_RANGE; s++) {
                noticed.add(new long[] {s});
            }
            expected = r.seq + 1;
        }
        List<Row> filled = gaps.isEmpty() ? List.of() : readGaps(c, gaps);
        try (PreparedStatement ps = c.prepareStatement(INSERT_DELIVERY)) {
            for (Row r : filled) {
                addDeliveries(ps, r, sources, now);
            }
            for (Row r : rows) {
                addDeliveries(ps, r, sources, now);
            }
            ps.executeBatch();
        }
        updateGaps(c, filled, noticed, now);
        if (!rows.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE delivery_relay SET position = ?, updated_at = ? WHERE id = 1")) {
                ps.setLong(1, rows.get(rows.size() - 1).seq);
                Sql.setInstant(ps, 2, now);
                ps.executeUpdate();
            }
        }
        return rows.size() + filled.size();
    }

    private long lockPosition(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT position FROM delivery_relay WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("delivery_relay has no row 1: schema not migrated?");
            }
            return rs.getLong(1);
        }
    }

    /** @return the watched gaps, after forgetting those older than the gap timeout */
    private TreeSet<Long> gaps(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM delivery_relay_gap WHERE noticed_at < ?")) {
            Sql.setInstant(ps, 1, now.minus(settings.gapTimeout()));
            int forgotten = ps.executeUpdate();
            if (forgotten > 0) {
                logger.debug("Forgot {} outbox sequence gap(s) older than {}", forgotten, settings.gapTimeout());
            }
        }
        TreeSet<Long> gaps = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM delivery_relay_gap ORDER BY seq");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                gaps.add(rs.getLong(1));
            }
        }
        return gaps;
    }

    private List<Row> readGaps(Connection c, TreeSet<Long> gaps) throws SQLException {
        List<Row> result = new ArrayList<>();
        List<Long> all = new ArrayList<>(gaps);
        for (int i = 0; i < all.size(); i += 500) {
            List<Long> chunk = all.subList(i, Math.min(all.size(), i + 500));
            result.addAll(read(c, "seq IN (" + Sql.placeholders(chunk.size()) + ") ORDER BY seq",
                    chunk.toArray()));
        }
        return result;
    }

    private void updateGaps(Connection c, List<Row> filled, List<long[]> noticed, Instant now) throws SQLException {
        if (!filled.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM delivery_relay_gap WHERE seq = ?")) {
                for (Row r : filled) {
                    ps.setLong(1, r.seq);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!noticed.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO delivery_relay_gap (seq, noticed_at) VALUES (?, ?)")) {
                for (long[] g : noticed) {
                    ps.setLong(1, g[0]);
                    Sql.setInstant(ps, 2, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private void addDeliveries(PreparedStatement ps, Row r, Map<String, SubscriptionSource> sources, Instant now)
            throws SQLException {
        HubEvent event = HubJson.readEvent(r.payload, r.seq);
        for (Map.Entry<String, SubscriptionSource> source : sources.entrySet()) {
            for (String subscriber : source.getValue().subscribersFor(event)) {
                String kind = source.getKey();
                ps.setString(1, Ids.next());
                ps.setString(2, kind);
                ps.setString(3, subscriber);
                ps.setString(4, event.id());
                ps.setLong(5, r.seq);
                ps.setString(6, event.type().wireName());
                ps.setString(7, event.ticketId());
                Sql.setInstant(ps, 8, now);
                Sql.setInstant(ps, 9, now);
                ps.setString(10, Sql.queueKey(kind, subscriber, event.ticketId()));
                ps.setString(11, kind);
                ps.setString(12, subscriber);
                ps.setString(13, event.id());
                ps.addBatch();
            }
        }
    }

    private static List<Row> read(Connection c, String where, Object... params) throws SQLException {
        boolean limited = where.startsWith("seq > ");
        String sql = "SELECT seq, payload FROM outbox_event WHERE " + where + (limited ? " LIMIT ?" : "");
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return rows;
    }

    private record Row(long seq, String payload) {
    }
}
