package org.integrationhub.delivery.internal.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.internal.shared.Claimed;
import org.integrationhub.delivery.internal.shared.Completion;
import org.integrationhub.delivery.internal.shared.OutboxEvent;
import org.integrationhub.delivery.internal.shared.Subscriber;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's SQL: claims due deliveries with {@code FOR UPDATE SKIP LOCKED} (safe with several nodes) and a
 * lease, in per-(subscriber, ticket) order, and writes attempt outcomes in batches.
 */
public final class DeliveryStore {

    /**
     * Claimable: due, not leased, and no earlier PENDING delivery of the same (kind, subscriber, ticket): only PENDING
     * deliveries have a queue_key.
     */
    private static final String CLAIMABLE = "d.status = 'PENDING' AND d.next_attempt_at <= ?"
            + " AND (d.locked_until IS NULL OR d.locked_until < ?) AND d.kind IN (%s)"
            + " AND NOT EXISTS (SELECT 1 FROM delivery p WHERE p.queue_key = d.queue_key"
            + " AND p.event_seq < d.event_seq)";
    /**
     * Step 1, without locks: the first claimable rows (twice as many as wanted: some may be claimed meanwhile) in
     * claim order, read straight off delivery_claim_idx and stopped at the LIMIT (H2 sorts every due row instead when
     * the statement has FOR UPDATE; the leading status column of the ORDER BY lets H2 see the index order).
     */
    private static final String CANDIDATES = "SELECT d.id FROM delivery d WHERE " + CLAIMABLE
            + "%s ORDER BY d.status, d.next_attempt_at, d.event_seq LIMIT ?";
    /** Leaves out the deliveries of one (stalled) subscriber. */
    private static final String NOT_SUBSCRIBER = " AND NOT (d.kind = ? AND d.subscriber_id = ?)";
    /** Step 2: locks the candidates that are still claimable; rows another node is claiming are skipped. */
    private static final String LOCK = "SELECT d.id FROM delivery d WHERE " + CLAIMABLE + " AND d.id IN (%s)"
            + " ORDER BY d.next_attempt_at, d.event_seq LIMIT ? FOR UPDATE SKIP LOCKED";

    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryStore.class);

    private final Database db;

    public DeliveryStore(Database db) {
        this.db = db;
    }

    /** Releases the leases this node held before it restarted (e.g. after kill -9), so they are retried now. */
    public int releaseLeases(String nodeName, Instant now) {
        return db.inTransaction(c -> releaseLeases(c, nodeName, now));
    }

    /**
     * Gives every pending delivery leased by a node (its lease owner is {@code nodeName/claim id}) back to the claim
     * path, due now, in the caller's transaction.
     *
     * @return the deliveries given back
     */
    static int releaseLeases(Connection c, String nodeName, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET locked_until = NULL, lease_owner = NULL,"
                + " next_attempt_at = ? WHERE status = 'PENDING' AND lease_owner LIKE ? ESCAPE '\\'")) {
            Jdbc.setInstant(ps, 1, now);
            ps.setString(2, nodeName.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
            return ps.executeUpdate();
        }
    }

    /**
     * Claims up to {@code max} due deliveries of the given kinds for one attempt each.
     *
     * @param skipped subscribers whose deliveries are left alone (stalled ones)
     * @param leaseOwner {@code nodeName/claim id}, written to every claimed row
     */
    public List<Claimed> claim(Set<String> kinds, Set<Subscriber> skipped, int max, Instant now, Instant lockedUntil,
            String leaseOwner) {
        if (kinds.isEmpty() || max <= 0) {
            return List.of();
        }
        return db.inTransaction(c -> {
            List<String> candidates = candidates(c, kinds, skipped, now, 2 * max);
            if (candidates.isEmpty()) {
                return List.of();
            }
            List<String> ids = select(c, String.format(LOCK, Jdbc.placeholders(kinds.size()),
                    Jdbc.placeholders(candidates.size())), kinds, now, candidates, max);
            if (ids.isEmpty()) {
                return List.of();
            }
            // out of the due range while leased: later claims do not step over deliveries in flight
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET locked_until = ?, lease_owner = ?,"
                    + " next_attempt_at = ?, attempts = attempts + 1, last_attempt_at = ? WHERE id = ?")) {
                for (String id : ids) {
                    Jdbc.setInstant(ps, 1, lockedUntil);
                    ps.setString(2, leaseOwner);
                    Jdbc.setInstant(ps, 3, lockedUntil);
                    Jdbc.setInstant(ps, 4, now);
                    ps.setString(5, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return load(c, ids, leaseOwner, now);
        });
    }

    /** Claims from every subscriber. */
    public List<Claimed> claim(Set<String> kinds, int max, Instant now, Instant lockedUntil, String leaseOwner) {
        return claim(kinds, Set.of(), max, now, lockedUntil, leaseOwner);
    }

    /** Step 1: the candidates, in claim order, without the skipped subscribers' deliveries. */
    private static List<String> candidates(Connection c, Set<String> kinds, Set<Subscriber> skipped, Instant now,
            int limit) throws SQLException {
        List<String> excluded = new ArrayList<>();
        for (Subscriber s : skipped) {
            excluded.add(s.kind());
            excluded.add(s.id());
        }
        String sql = String.format(CANDIDATES, Jdbc.placeholders(kinds.size()), NOT_SUBSCRIBER.repeat(skipped.size()));
        return select(c, sql, kinds, now, excluded, limit);
    }

    /**
     * Runs a claim select: the parameters of {@link #CLAIMABLE} ({@code now}, {@code now}, the kinds), then
     * {@code values} (excluded subscribers or candidate ids), then the limit.
     */
    private static List<String> select(Connection c, String sql, Set<String> kinds, Instant now, List<String> values,
            int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            Jdbc.setInstant(ps, i++, now);
            Jdbc.setInstant(ps, i++, now);
            for (String k : kinds) {
                ps.setString(i++, k);
            }
            for (String v : values) {
                ps.setString(i++, v);
            }
            ps.setInt(i, limit);
            List<String> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
            return result;
        }
    }

    private List<Claimed> load(Connection c, List<String> ids, String leaseOwner, Instant now) throws SQLException {
        Map<String, Claimed> byId = new HashMap<>();
        String sql = "SELECT d.id, d.kind, d.subscriber_id, d.event_id, d.attempts, d.created_at, o.seq, o.type,"
                + " o.ticket_id, o.payload"
                + " FROM delivery d JOIN outbox_event o ON o.seq = d.event_seq WHERE d.id IN ("
                + Jdbc.placeholders(ids.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OutboxEvent event = new OutboxEvent(rs.getLong("seq"), rs.getString("event_id"),
                            EventType.fromWireName(rs.getString("type")), rs.getString("ticket_id"),
                            rs.getString("payload"));
                    DeliveryRequest request = event.request(rs.getString("id"), rs.getString("kind"),
                            rs.getString("subscriber_id"), rs.getInt("attempts"));
                    byId.put(request.deliveryId(), new Claimed(request, leaseOwner,
                            Jdbc.getInstant(rs, "created_at"), now));
                }
            }
        }
        List<Claimed> ordered = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        for (String id : ids) {
            Claimed cl = byId.get(id);
            if (cl != null) {
                ordered.add(cl);
            } else {
                orphans.add(id);
            }
        }
        if (!orphans.isEmpty()) {
            failOrphans(c, orphans, now);
        }
        return ordered;
    }

    /**
     * Fails, in the claiming transaction, deliveries whose outbox event no longer exists (deleted by an operator or a
     * retention job): there is nothing to send, and retrying them on every lease expiry would never end.
     */
    private static void failOrphans(Connection c, List<String> ids, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = 'FAILED', completed_at = ?,"
                + " next_attempt_at = NULL, queue_key = NULL, locked_until = NULL, lease_owner = NULL,"
                + " last_error = 'the event is no longer in the outbox' WHERE id = ?")) {
            for (String id : ids) {
                Jdbc.setInstant(ps, 1, now);
                ps.setString(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        LOGGER.warn("{} delivery(ies) failed: their event is no longer in the outbox (e.g. {})", ids.size(),
                ids.get(0));
    }

    /** Writes a batch of attempt outcomes in one transaction. */
    void complete(List<Completion> completions) {
        db.inTransaction(c -> {
            CompletionWriter.write(c, completions, Instant.now());
            return null;
        });
    }
}
