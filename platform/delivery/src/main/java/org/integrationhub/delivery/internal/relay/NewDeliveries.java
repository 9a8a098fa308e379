package org.integrationhub.delivery.internal.relay;

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

import org.integrationhub.delivery.internal.dispatch.DirectLane;
import org.integrationhub.delivery.internal.shared.Claimed;
import org.integrationhub.delivery.internal.shared.Ids;
import org.integrationhub.delivery.internal.shared.OutboxEvent;
import org.integrationhub.delivery.internal.shared.Sql;
import org.integrationhub.persistence.Jdbc;

/**
 * Creates the deliveries of relayed events, one per (event, subscriber), in the relay's transaction: rowless
 * hand-overs to the {@link DirectLane} (sent once the transaction has committed), leased rows for the lane, or plain
 * PENDING rows for the claim path — which one when is {@link org.integrationhub.delivery.internal the engine's
 * package doc}. A leased delivery's next attempt is the end of its lease: the claim's scan of due deliveries does not
 * step over the ones in flight, and a delivery whose node died becomes due when its lease runs out.
 */
public final class NewDeliveries {

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

    /**
     * What one relay batch's deliveries are made with.
     *
     * @param lane the direct lane, or null to leave every delivery to the claim path
     * @param leaseOwner the lease owner of the direct deliveries ({@code nodeName/id})
     * @param now the relay's time
     * @param lockedUntil the end of the direct deliveries' lease
     * @param journaled ids of deliveries the journal holds already for events after the relay's position
     * @param rowsUpTo rows made by others than the relay (a replay, the node relaying before a takeover) may exist for
     *        events up to this sequence: a rowless delivery of such an event is made only if it has none
     * @param postgres whether the database is PostgreSQL ({@code Database.dialect()}): rows are inserted with
     *        {@code ON CONFLICT DO NOTHING} there
     */
    public record Batch(DirectLane lane, String leaseOwner, Instant now, Instant lockedUntil, Set<String> journaled,
            long rowsUpTo, boolean postgres) {
    }

    /** One target as this batch makes it: with a place in a direct-lane chain, or (null) for the claim path. */
    private record Planned(Target target, DirectLane.Reservation reservation, Claimed claimed) {
        boolean rowless() {
            return claimed != null && claimed.rowless();
        }
    }

    private static final String COLUMNS = "INSERT INTO delivery (id, kind, subscriber_id, event_id, event_seq,"
            + " event_type, ticket_id, status, attempts, next_attempt_at, created_at, queue_key, locked_until,"
            + " lease_owner, last_attempt_at)";
    /** H2: the row, unless the event has a delivery to that subscriber already. */
    private static final String INSERT = COLUMNS + " SELECT ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?"
            + " FROM delivery_relay WHERE id = 1 AND NOT EXISTS"
            + " (SELECT 1 FROM delivery WHERE kind = ? AND subscriber_id = ? AND event_id = ?)";
    /**
     * PostgreSQL: the same through the unique constraint. A NOT EXISTS there was planned, on a delivery table not yet
     * analyzed, over delivery_log_idx (every row of the subscriber per insert: quadratic in a large backlog).
     */
    private static final String INSERT_POSTGRES = COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?,"
            + " ?) ON CONFLICT DO NOTHING";
    private static final int IN_CHUNK = 500;

    private NewDeliveries() {
    }

    /**
     * Makes the deliveries of one relay batch: rows, leased rows and rowless hand-overs.
     *
     * @return the direct deliveries and their places in the lane: from then on the caller launches them after its
     *         commit or abandons them after a rollback (reservations not returned are abandoned here)
     */
    public static List<DirectLane.Handover> insert(Connection c, List<Target> all, Batch batch) throws SQLException {
        if (all.isEmpty()) {
            return List.of();
        }
        List<Target> targets = withoutExisting(c, all, batch.journaled(), batch.rowsUpTo());
        // one look at the transports per batch: one that appears meanwhile must not make a later delivery of a
        // ticket direct while an earlier one of the same ticket in this batch went to the claim path
        Set<String> direct = new HashSet<>();
        if (batch.lane() != null) {
            targets.stream().map(Target::kind).distinct().filter(batch.lane()::accepts).forEach(direct::add);
        }
        Set<String> open = direct.isEmpty() || !anyOpen(c) ? Set.of() : openQueues(c, targets, direct);
        List<Planned> planned = plan(targets, direct, open, batch);
        boolean[] inserted;
        try {
            inserted = writeRows(c, planned, batch);
        } catch (SQLException | RuntimeException e) {
            abandon(batch.lane(), planned);
            throw e;
        }
        return handOver(batch.lane(), planned, inserted);
    }

    /**
     * Reserves a place in the direct lane for each target it may take: its kind is direct, and no earlier delivery of
     * its queue in this batch went to the claim path (then the lane decides, by the queue's chain and open rows).
     */
    private static List<Planned> plan(List<Target> targets, Set<String> direct, Set<String> open, Batch batch) {
        List<Planned> planned = new ArrayList<>(targets.size());
        Set<String> plain = new HashSet<>(); // queues with a delivery for the claim path in this batch
        try {
            for (Target t : targets) {
                String key = t.queueKey();
                DirectLane.Reservation r = direct.contains(t.kind()) && !plain.contains(key)
                        ? batch.lane().reserve(t.kind(), t.subscriberId(), key, open.contains(key)) : null;
                if (r == null) {
                    plain.add(key);
                    planned.add(new Planned(t, null, null));
                } else {
                    planned.add(new Planned(t, r, new Claimed(t.event().request(t.id(), t.kind(), t.subscriberId(), 1),
                            batch.leaseOwner(), batch.now(), batch.now(), t.rowless())));
                }
            }
        } catch (RuntimeException e) {
            abandon(batch.lane(), planned);
            throw e;
        }
        return planned;
    }

    /**
     * Inserts the rows of the planned deliveries that are not rowless: PENDING for the claim path, leased for the
     * lane (due for a claim once the lease ends); none where the event has a delivery to that subscriber already.
     *
     * @return per planned delivery, whether it was made (a rowless one always is)
     */
    private static boolean[] writeRows(Connection c, List<Planned> planned, Batch batch) throws SQLException {
        int rows = 0;
        try (PreparedStatement ps = c.prepareStatement(batch.postgres() ? INSERT_POSTGRES : INSERT)) {
            for (Planned p : planned) {
                if (!p.rowless()) {
                    addRow(ps, p, batch);
                    rows++;
                }
            }
            int[] counts = rows == 0 ? new int[0] : ps.executeBatch();
            boolean[] inserted = new boolean[planned.size()];
            for (int i = 0, k = 0; i < planned.size(); i++) {
                inserted[i] = planned.get(i).rowless() || counts[k++] != 0;
            }
            return inserted;
        }
    }

    private static void addRow(PreparedStatement ps, Planned p, Batch batch) throws SQLException {
        Target t = p.target();
        boolean leased = p.reservation() != null;
        ps.setString(1, t.id());
        ps.setString(2, t.kind());
        ps.setString(3, t.subscriberId());
        ps.setString(4, t.event().id);
        ps.setLong(5, t.event().seq);
        ps.setString(6, t.event().type.wireName());
        ps.setString(7, t.event().ticketId);
        ps.setInt(8, leased ? 1 : 0);
        Jdbc.setInstant(ps, 9, leased ? batch.lockedUntil() : batch.now()); // leased: due for a claim once it ends
        Jdbc.setInstant(ps, 10, batch.now());
        ps.setString(11, t.queueKey());
        Jdbc.setInstant(ps, 12, leased ? batch.lockedUntil() : null);
        ps.setString(13, leased ? batch.leaseOwner() : null);
        Jdbc.setInstant(ps, 14, leased ? batch.now() : null);
        if (!batch.postgres()) {
            ps.setString(15, t.kind());
            ps.setString(16, t.subscriberId());
            ps.setString(17, t.event().id);
        }
        ps.addBatch();
    }

    /**
     * @return the direct deliveries that were made, with their places; the places of those whose delivery existed
     *         already (nothing inserted, nothing to send) are given back
     */
    private static List<DirectLane.Handover> handOver(DirectLane lane, List<Planned> planned, boolean[] inserted) {
        List<DirectLane.Handover> handovers = new ArrayList<>();
        List<Planned> existing = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            if (p.reservation() == null) {
                continue;
            }
            if (inserted[i]) {
                handovers.add(new DirectLane.Handover(p.reservation(), p.claimed()));
            } else {
                existing.add(p);
            }
        }
        abandon(lane, existing);
        return handovers;
    }

    private static void abandon(DirectLane lane, List<Planned> planned) {
        List<DirectLane.Reservation> taken = planned.stream().map(Planned::reservation)
                .filter(java.util.Objects::nonNull).toList();
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
                    + Jdbc.placeholders(chunk.size()) + ")")) {
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
                    + " WHERE queue_key IN (" + Jdbc.placeholders(chunk.size()) + ")")) {
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
