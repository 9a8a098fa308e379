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
 * inserted only after the earlier one committed). With a {@link DirectLane}, the deliveries it takes are inserted
 * leased to this node and handed to it once the relay's transaction has committed ({@link NewDeliveries}).
 */
final class Relay {

    private static final int MAX_GAPS_PER_RANGE = 1000;
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
     * Relays one batch, every delivery for the claim path.
     *
     * @param sources the present subscription sources by kind
     * @return the number of outbox events relayed (0 when there was nothing new)
     */
    int relayBatch(Map<String, SubscriptionSource> sources) {
        return relayBatch(sources, null);
    }

    /**
     * Relays one batch; with a lane, the deliveries it takes are leased to this node and sent right after the commit.
     *
     * @param sources the present subscription sources by kind
     * @param lane the direct lane, or null
     * @return the number of outbox events relayed (0 when there was nothing new)
     */
    int relayBatch(Map<String, SubscriptionSource> sources, DirectLane lane) {
        if (!sources.keySet().containsAll(settings.requiredKinds())) {
            logger.debug("Relay waits for subscription sources {} (present: {})", settings.requiredKinds(),
                    sources.keySet());
            return 0;
        }
        NewDeliveries.Leased direct = NewDeliveries.Leased.none();
        int events;
        try {
            events = db.inTransaction(c -> relay(c, sources, lane, direct));
        } catch (RuntimeException e) {
            if (!direct.reservations().isEmpty()) {
                lane.abandon(direct.reservations());
            }
            throw e;
        }
        if (!direct.reservations().isEmpty()) {
            lane.launch(direct.reservations(), direct.claimed());
        }
        return events;
    }

    private int relay(Connection c, Map<String, SubscriptionSource> sources, DirectLane lane,
            NewDeliveries.Leased direct) throws SQLException {
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
        List<NewDeliveries.Target> targets = new ArrayList<>();
        for (Row r : filled) {
            addTargets(targets, r, sources);
        }
        for (Row r : rows) {
            addTargets(targets, r, sources);
        }
        NewDeliveries.insert(c, targets, lane, settings.nodeName() + "/" + Ids.next(), now,
                now.plus(settings.lease()), direct);
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

    /**
     * Locks the relay's row for the transaction (one relay, or one replay, at a time across all nodes).
     *
     * @return the relay's position
     */
    static long lockPosition(Connection c) throws SQLException {
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

    private static void addTargets(List<NewDeliveries.Target> targets, Row r, Map<String, SubscriptionSource> sources) {
        HubEvent event = HubJson.readEvent(r.payload, r.seq);
        for (Map.Entry<String, SubscriptionSource> source : sources.entrySet()) {
            for (String subscriber : source.getValue().subscribersFor(event)) {
                targets.add(new NewDeliveries.Target(source.getKey(), subscriber, event, r.payload));
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
