package org.integrationhub.delivery.internal.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.integrationhub.api.EventType;
import org.integrationhub.delivery.SubscriptionSource;
import org.integrationhub.delivery.internal.dispatch.DirectLane;
import org.integrationhub.delivery.internal.journal.Journal;
import org.integrationhub.delivery.internal.shared.Ids;
import org.integrationhub.delivery.internal.shared.OutboxEvent;
import org.integrationhub.delivery.internal.shared.Settings;
import org.integrationhub.delivery.internal.shared.Unsettled;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns committed outbox events into deliveries, one per interested subscriber. The relay runs on one node at a time
 * across all nodes: it locks the {@code delivery_relay} row for each batch and holds a lease on it (its {@code owner}
 * and {@code lease_until}); another node relays only once the lease has run out, or at once when its owner let it go.
 *
 * <p>The relay's node sends what it can straight away through its {@link DirectLane}: such a delivery is rowless until
 * its outcome is written (see {@link NewDeliveries}). What the stored {@code position} promises and what a relay that
 * takes over sends again: {@link org.integrationhub.delivery.internal the engine's package doc}.
 *
 * <p>Sequence numbers not visible yet (a concurrent transaction still open, or rolled back) are remembered as gaps
 * and relayed, as leased rows, when they appear; a ticket's own events cannot be reordered by this, because the core
 * serialises a ticket's changes on its row lock (a later event of a ticket is inserted only after the earlier one
 * committed).
 */
public final class Relay {

    private static final int MAX_GAPS_PER_RANGE = 1000;
    private final Logger logger = LoggerFactory.getLogger(Relay.class);
    private final Database db;
    private final Clock clock;
    private final Settings settings;
    private final Unsettled unsettled;
    /** The last event read, while this node relays; -1 when it does not (it takes over before it relays). */
    private long cursor = -1;
    /** Deliveries the journal held, at the takeover, for events after the stored position. */
    private Set<String> journaled = Set.of();
    private long journaledUpTo;
    /** The last outbox event when this node took over: rows of events up to it may exist (made before). */
    private long recoverUntil;
    private boolean resigned;

    public Relay(Database db, Clock clock, Settings settings) {
        this(db, clock, settings, new Unsettled());
    }

    public Relay(Database db, Clock clock, Settings settings, Unsettled unsettled) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.unsettled = unsettled;
    }

    /**
     * Relays one batch, every delivery for the claim path.
     *
     * @param sources the present subscription sources by kind
     * @return the number of outbox events relayed (0 when there was nothing new)
     */
    public int relayBatch(Map<String, SubscriptionSource> sources) {
        return relayBatch(sources, null);
    }

    /**
     * Relays one batch; with a lane, the deliveries it takes are sent right after the commit.
     *
     * @param sources the present subscription sources by kind
     * @param lane the direct lane, or null
     * @return the number of outbox events relayed (0 when there was nothing new, or another node relays)
     */
    public synchronized int relayBatch(Map<String, SubscriptionSource> sources, DirectLane lane) {
        if (resigned) {
            return 0;
        }
        if (!sources.keySet().containsAll(settings.requiredKinds())) {
            logger.debug("Relay waits for subscription sources {} (present: {})", settings.requiredKinds(),
                    sources.keySet());
            return 0;
        }
        List<DirectLane.Handover> direct = new ArrayList<>();
        long[] read = {cursor};
        int events;
        try {
            events = db.inTransaction(c -> {
                read[0] = cursor;
                return relay(c, sources, lane, direct, read);
            });
        } catch (RuntimeException e) {
            if (!direct.isEmpty()) {
                lane.abandon(direct.stream().map(DirectLane.Handover::reservation).toList());
            }
            throw e; // rolled back: the cursor stays where it was
        }
        cursor = read[0];
        if (cursor > journaledUpTo && !journaled.isEmpty()) {
            journaled = Set.of(); // read past every event the journal held at the takeover
        }
        for (DirectLane.Handover h : direct) {
            if (h.claimed().rowless()) {
                unsettled.add(h.claimed());
            }
        }
        if (!direct.isEmpty()) {
            lane.launch(direct);
        }
        return events;
    }

    /** @return whether this node relayed at its last batch (it held the relay's lease); false once it resigned */
    public synchronized boolean relaying() {
        return cursor >= 0 && !resigned;
    }

    /** This node stops relaying: lets the lease go, so another node takes over at once. */
    public synchronized void resign() {
        resigned = true;
        cursor = -1;
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery_relay SET owner = NULL, lease_until = NULL"
                    + " WHERE id = 1 AND owner = ?")) {
                ps.setString(1, settings.nodeName());
                return ps.executeUpdate();
            }
        });
    }

    private int relay(Connection c, Map<String, SubscriptionSource> sources, DirectLane lane,
            List<DirectLane.Handover> direct, long[] read) throws SQLException {
        Instant now = clock.instant();
        Position stored = lock(c);
        String me = settings.nodeName();
        if (stored.owner() != null && !stored.owner().equals(me) && stored.leaseUntil() != null
                && stored.leaseUntil().isAfter(now)) {
            read[0] = -1; // another node relays
            return 0;
        }
        if (read[0] < 0 || !me.equals(stored.owner())) {
            read[0] = takeOver(c, stored);
        }
        if (lane != null) {
            lane.sweep(); // before the open rows are read: a chain that ends from now on is still seen
        }
        TreeSet<Long> gaps = gaps(c, now);
        List<long[]> noticed = new ArrayList<>();
        List<OutboxEvent> rows = read(c, "seq > ? ORDER BY seq", read[0], settings.batchSize());
        long expected = read[0] + 1;
        for (OutboxEvent r : rows) {
            for (long s = expected; s < r.seq && s < expected + MAX_GAPS_PER_RANGE; s++) {
                noticed.add(new long[] {s});
            }
            expected = r.seq + 1;
        }
        List<OutboxEvent> filled = gaps.isEmpty() ? List.of() : readGaps(c, gaps);
        if (!rows.isEmpty() || !filled.isEmpty()) {
            // after the read: a subscription committed before any of these events is in the sources' caches now
            sources.values().forEach(SubscriptionSource::prepareBatch);
        }
        List<NewDeliveries.Target> targets = new ArrayList<>();
        for (OutboxEvent r : filled) {
            addTargets(targets, r, sources, false);
        }
        for (OutboxEvent r : rows) {
            addTargets(targets, r, sources, lane != null);
        }
        direct.addAll(NewDeliveries.insert(c, targets, batch(lane, now, stored)));
        updateGaps(c, filled, noticed, now);
        long last = rows.isEmpty() ? read[0] : rows.get(rows.size() - 1).seq;
        long firstOpen = unsettled.first();
        for (DirectLane.Handover h : direct) {
            if (h.claimed().rowless()) {
                firstOpen = Math.min(firstOpen, h.claimed().request().sequence());
            }
        }
        long position = Math.max(stored.position(), firstOpen == Long.MAX_VALUE ? last : Math.min(last, firstOpen - 1));
        try (PreparedStatement ps = c.prepareStatement("UPDATE delivery_relay SET position = ?, owner = ?,"
                + " lease_until = ?, updated_at = ? WHERE id = 1")) {
            ps.setLong(1, position);
            ps.setString(2, me);
            Jdbc.setInstant(ps, 3, now.plus(settings.nodeTimeout()));
            Jdbc.setInstant(ps, 4, now);
            ps.executeUpdate();
        }
        read[0] = last;
        return rows.size() + filled.size();
    }

    /**
     * This node becomes the relay: it reads on from the stored position, and what the journal holds for events after
     * it is not sent again. Gaps noticed after the position are forgotten (they are read again as ordinary events,
     * or noticed again).
     *
     * @return the cursor to read on from
     */
    private long takeOver(Connection c, Position stored) throws SQLException {
        unsettled.clear();
        journaled = Journal.deliveredAfter(c, stored.position());
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM outbox_event");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            recoverUntil = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(max_seq), 0) FROM delivery_journal");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            journaledUpTo = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM delivery_relay_gap WHERE seq > ?")) {
            ps.setLong(1, stored.position());
            ps.executeUpdate();
        }
        if (stored.owner() != null && !stored.owner().equals(settings.nodeName())) {
            logger.info("This node ({}) relays the outbox from event {} on, taking over from {}", settings.nodeName(),
                    stored.position(), stored.owner());
        } else {
            logger.debug("This node ({}) relays the outbox from event {} on ({} journaled after it)",
                    settings.nodeName(), stored.position(), journaled.size());
        }
        return stored.position();
    }

    private NewDeliveries.Batch batch(DirectLane lane, Instant now, Position stored) {
        return new NewDeliveries.Batch(lane, settings.nodeName() + "/" + Ids.next(), now, now.plus(settings.lease()),
                journaled, Math.max(stored.rowsAhead(), recoverUntil), db.dialect() == Database.Dialect.POSTGRESQL);
    }

    /**
     * Locks the relay's row for the transaction (one relay, or one replay, at a time across all nodes).
     *
     * @return the relay's position
     */
    public static long lockPosition(Connection c) throws SQLException {
        return lock(c).position();
    }

    private static Position lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT position, owner, lease_until, rows_ahead FROM delivery_relay WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("delivery_relay has no row 1: schema not migrated?");
            }
            return new Position(rs.getLong(1), rs.getString(2), Jdbc.getInstant(rs, "lease_until"), rs.getLong(4));
        }
    }

    /** @param rowsAhead the last event a replay made a row for (rows may exist for events the relay has not read) */
    private record Position(long position, String owner, Instant leaseUntil, long rowsAhead) {
    }

    /** @return the watched gaps, after forgetting those older than the gap timeout */
    private TreeSet<Long> gaps(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM delivery_relay_gap WHERE noticed_at < ?")) {
            Jdbc.setInstant(ps, 1, now.minus(settings.gapTimeout()));
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

    private List<OutboxEvent> readGaps(Connection c, TreeSet<Long> gaps) throws SQLException {
        List<OutboxEvent> result = new ArrayList<>();
        List<Long> all = new ArrayList<>(gaps);
        for (int i = 0; i < all.size(); i += 500) {
            List<Long> chunk = all.subList(i, Math.min(all.size(), i + 500));
            result.addAll(read(c, "seq IN (" + Jdbc.placeholders(chunk.size()) + ") ORDER BY seq",
                    chunk.toArray()));
        }
        return result;
    }

    private void updateGaps(Connection c, List<OutboxEvent> filled, List<long[]> noticed, Instant now)
            throws SQLException {
        if (!filled.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM delivery_relay_gap WHERE seq = ?")) {
                for (OutboxEvent r : filled) {
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
                    Jdbc.setInstant(ps, 2, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /**
     * Adds the deliveries of one event, one per subscriber. A source that decides by the event's type alone is asked
     * without parsing the event.
     */
    private static void addTargets(List<NewDeliveries.Target> targets, OutboxEvent e,
            Map<String, SubscriptionSource> sources, boolean rowless) {
        for (Map.Entry<String, SubscriptionSource> source : sources.entrySet()) {
            List<String> subscribers = source.getValue().subscribersForType(e.type);
            if (subscribers == null) {
                subscribers = source.getValue().subscribersFor(e.get());
            }
            for (String subscriber : subscribers) {
                targets.add(new NewDeliveries.Target(source.getKey(), subscriber, e, rowless));
            }
        }
    }

    private static List<OutboxEvent> read(Connection c, String where, Object... params) throws SQLException {
        boolean limited = where.startsWith("seq > ");
        String sql = "SELECT seq, id, type, ticket_id, payload FROM outbox_event WHERE " + where
                + (limited ? " LIMIT ?" : "");
        List<OutboxEvent> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxEvent(rs.getLong(1), rs.getString(2), EventType.fromWireName(rs.getString(3)),
                            rs.getString(4), rs.getString(5)));
                }
            }
        }
        return rows;
    }
}
