package org.integrationhub.delivery.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;


/**
 * Creates the deliveries of relayed events, one per (event, subscriber), in the relay's transaction. Where the {@link
 * DirectLane} takes them they are sent once the transaction has committed: rowless (no row at all: the outcome writes
 * one, or a journal line) for the relay's new events, leased rows for the events of filled sequence gaps (older than
 * the relay's position, so they need a row to survive a crash). The others are plain PENDING rows for the claim path.
 * An event that has a delivery to a subscriber already (a row, e.g. from a replay, or a journal line found by a relay
 * taking over) gets no second one. A leased delivery's next attempt is the end of its lease: the claim's scan of due
 * deliveries does not step over the ones in flight, and a delivery whose node died becomes due when its lease runs
 * out.
 */
final class NewDeliveries {

    /**
     * One delivery to create.
     *
     * @param rowless whether a direct dispatch of it may go without a row (the relay's position covers its event)
     */
    record Target(String kind, String subscriberId, OutboxEvent event, boolean rowless) {
        String queueKey() {
            return Sql.queueKey(kind, subscriberId, event.ticketId);
        }

        String id() {
            return Ids.delivery(kind, subscriberId, event.id, event.seq);
        }

    }

    /** The deliveries leased for direct dispatch, with their lane reservations (same order); filled by insert. */
    record Leased(List<DirectLane.Reservation> reservations, List<Claimed> claimed) {
        static Leased none() {
            return new Leased(new ArrayList<>(), new ArrayList<>());
        }
    }

    private static final String INSERT = "INSERT INTO delivery (id, kind, subscriber_id, event_id, event_seq,"
            + " event_type, ticket_id, status, attempts, next_attempt_at, created_at, queue_key, locked_until,"
            + " lease_owner, last_attempt_at) SELECT ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?"
            + " FROM delivery_relay WHERE id = 1 AND NOT EXISTS"
            + " (SELECT 1 FROM delivery WHERE kind = ? AND subscriber_id = ? AND event_id = ?)";
    private static final int IN_CHUNK = 500;

    private NewDeliveries() {
    }

    /**
     * @param lane the direct lane, or null to leave every delivery to the claim path
     * @param leaseOwner the lease owner of the direct deliveries ({@code nodeName/id})
     * @param out receives the direct deliveries and their reservations: from then on the caller launches them after
     *        its commit or abandons them after a rollback; reservations not handed over are abandoned here
     * @param journaled ids of deliveries the journal holds already for events after the relay's position
     * @param rowsUpTo rows made by others than the relay (a replay, the node relaying before a takeover) may exist for
     *        events up to this sequence: a rowless delivery of such an event is made only if it has none
     */
    static void insert(Connection c, List<Target> all, DirectLane lane, String leaseOwner, Instant now,
            Instant lockedUntil, Leased out, Set<String> journaled, long rowsUpTo) throws SQLException {
        if (all.isEmpty()) {
            return;
        }
        List<Target> targets = withoutExisting(c, all, journaled, rowsUpTo);
        // one look at the transports per batch: one that appears meanwhile must not make a later delivery of a
        // ticket direct while an earlier one of the same ticket in this batch went to the claim path
        Set<String> direct = new HashSet<>();
        if (lane != null) {
            targets.stream().map(Target::kind).distinct().filter(lane::accepts).forEach(direct::add);
        }
        Set<String> open = direct.isEmpty() || !anyOpen(c) ? Set.of() : openQueues(c, targets, direct);
        Set<String> plain = new HashSet<>(); // queues with a delivery for the claim path in this batch
        List<DirectLane.Reservation> reserved = new ArrayList<>();
        List<Claimed> claimed = new ArrayList<>();
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int rows = 0;
            List<Boolean> inserted = new ArrayList<>();
            for (Target t : targets) {
                String id = t.id();
                String key = t.queueKey();
                DirectLane.Reservation r = direct.contains(t.kind()) && !plain.contains(key)
                        ? lane.reserve(t.kind(), t.subscriberId(), key, open.contains(key)) : null;
                if (r == null) {
                    plain.add(key);
                }
                reserved.add(r);
                boolean rowless = r != null && t.rowless();
                claimed.add(r == null ? null : new Claimed(t.event().request(id, t.kind(), t.subscriberId(), 1), leaseOwner, now, now, rowless));
                inserted.add(!rowless);
                if (rowless) {
                    continue;
                }
                rows++;
                ps.setString(1, id);
                ps.setString(2, t.kind());
                ps.setString(3, t.subscriberId());
                ps.setString(4, t.event().id);
                ps.setLong(5, t.event().seq);
                ps.setString(6, t.event().type.wireName());
                ps.setString(7, t.event().ticketId);
                ps.setInt(8, r == null ? 0 : 1);
                Sql.setInstant(ps, 9, r == null ? now : lockedUntil); // leased: due for a claim once the lease ends
                Sql.setInstant(ps, 10, now);
                ps.setString(11, key);
                Sql.setInstant(ps, 12, r == null ? null : lockedUntil);
                ps.setString(13, r == null ? null : leaseOwner);
                Sql.setInstant(ps, 14, r == null ? null : now);
                ps.setString(15, t.kind());
                ps.setString(16, t.subscriberId());
                ps.setString(17, t.event().id);
                ps.addBatch();
            }
            int[] rowCounts = rows == 0 ? new int[0] : ps.executeBatch();
            counts = new int[targets.size()];
            for (int i = 0, k = 0; i < targets.size(); i++) {
                counts[i] = inserted.get(i) ? rowCounts[k++] : 1;
            }
        } catch (SQLException | RuntimeException e) {
            abandon(lane, reserved);
            throw e;
        }
        List<DirectLane.Reservation> existing = new ArrayList<>();
        for (int i = 0; i < reserved.size(); i++) {
            if (reserved.get(i) == null) {
                continue;
            }
            if (counts[i] == 0) { // the delivery existed already: nothing inserted, nothing to send
                existing.add(reserved.get(i));
            } else {
                out.reservations().add(reserved.get(i));
                out.claimed().add(claimed.get(i));
            }
        }
        abandon(lane, existing);
    }

    private static void abandon(DirectLane lane, List<DirectLane.Reservation> reserved) {
        List<DirectLane.Reservation> taken = reserved.stream().filter(java.util.Objects::nonNull).toList();
        if (!taken.isEmpty()) {
            lane.abandon(taken);
        }
    }

    /** @return the targets without those whose delivery has a row already or is journaled */
    private static List<Target> withoutExisting(Connection c, List<Target> targets, Set<String> journaled,
            long rowsUpTo) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (Target t : targets) {
            if (t.rowless() && t.event().seq <= rowsUpTo) {
                ids.add(t.id());
            }
        }
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM delivery WHERE id IN ("
                    + Sql.placeholders(chunk.size()) + ")")) {
                for (int j = 0; j < chunk.size(); j++) {
                    ps.setString(j + 1, chunk.get(j));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        existing.add(rs.getString(1));
                    }
                }
            }
        }
        if (existing.isEmpty() && journaled.isEmpty()) {
            return targets;
        }
        List<Target> kept = new ArrayList<>();
        for (Target t : targets) {
            String id = t.id();
            if (!t.rowless() || !existing.contains(id) && !journaled.contains(id)) {
                kept.add(t);
            }
        }
        return kept;
    }

    /** @return whether any delivery is PENDING (one seek: only those have a queue_key) */
    private static boolean anyOpen(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM delivery WHERE queue_key IS NOT NULL LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** @return the queue keys of the targets that have a PENDING delivery in the database */
    private static Set<String> openQueues(Connection c, List<Target> targets, Set<String> kinds)
            throws SQLException {
        Set<String> keys = new LinkedHashSet<>();
        for (Target t : targets) {
            if (kinds.contains(t.kind())) {
                keys.add(t.queueKey());
            }
        }
        Set<String> open = new HashSet<>();
        List<String> all = new ArrayList<>(keys);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT queue_key FROM delivery"
                    + " WHERE queue_key IN (" + Sql.placeholders(chunk.size()) + ")")) {
                for (int j = 0; j < chunk.size(); j++) {
                    ps.setString(j + 1, chunk.get(j));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        open.add(rs.getString(1));
                    }
                }
            }
        }
        return open;
    }
}
