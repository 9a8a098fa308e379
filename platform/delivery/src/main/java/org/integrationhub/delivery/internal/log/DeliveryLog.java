package org.integrationhub.delivery.internal.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.delivery.DeliveryPage;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStats;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.delivery.internal.journal.Journal;
import org.integrationhub.delivery.internal.relay.Relay;
import org.integrationhub.delivery.internal.replay.Replay;
import org.integrationhub.delivery.internal.shared.Claimed;
import org.integrationhub.delivery.internal.shared.Ids;
import org.integrationhub.delivery.internal.shared.Settings;
import org.integrationhub.delivery.internal.shared.Sql;
import org.integrationhub.delivery.internal.shared.Unsettled;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;

/**
 * The delivery log: queries, redeliver, replay, retry, cancel, stats, queues and purge, over the rows, the journal and
 * this node's unsettled deliveries (the package doc of {@code org.integrationhub.delivery.internal} says which holds
 * a delivery when). Thread-safe: every call is one transaction.
 */
public final class DeliveryLog implements DeliveryService {

    private final Database db;
    private final Clock clock;
    private final Settings settings;
    private final Unsettled unsettled;
    /** Asks the engine to look for due work now (after a change that makes deliveries due). */
    private final Runnable wake;

    /** @param wake asks the engine to look for due work now */
    public DeliveryLog(Database db, Clock clock, Settings settings, Unsettled unsettled, Runnable wake) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.unsettled = unsettled;
        this.wake = wake;
    }

    private void wake() {
        wake.run();
    }

    @Override
    public DeliveryPage list(DeliveryQuery q) {
        String sql = "SELECT * FROM delivery WHERE kind = ? AND subscriber_id = ?"
                + (q.status() == null ? "" : " AND status = ?") + (q.cursor() == null ? "" : " AND id < ?")
                + " ORDER BY id DESC LIMIT ?";
        // read before the database: a delivery settles (leaves the set) only once its outcome is committed
        List<Claimed> inFlight = q.status() == null || q.status() == DeliveryStatus.PENDING
                ? unsettled.of(q.kind(), q.subscriberId(), q.cursor(), q.limit() + 1) : List.of();
        List<Delivery> items = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, q.kind());
                ps.setString(i++, q.subscriberId());
                if (q.status() != null) {
                    ps.setString(i++, q.status().name());
                }
                if (q.cursor() != null) {
                    ps.setString(i++, q.cursor());
                }
                ps.setInt(i, q.limit() + 1);
                List<Delivery> rows = DeliveryRows.deliveries(ps);
                boolean journaled = q.status() == null || q.status() == DeliveryStatus.DELIVERED;
                if (!journaled && inFlight.isEmpty()) {
                    return rows;
                }
                // and the journaled deliveries (a delivery is a journal line or a row, never both), and this node's
                // deliveries in flight without a row yet (pending, unless written meanwhile)
                java.util.Map<String, Delivery> merged = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
                if (journaled) {
                    for (Journal.Entry e : Journal.page(c, q.kind(), q.subscriberId(), q.cursor(), q.limit() + 1)) {
                        merged.put(e.deliveryId(), e.delivery());
                    }
                }
                rows.forEach(d -> merged.put(d.id(), d));
                for (Claimed f : inFlight) {
                    merged.putIfAbsent(f.request().deliveryId(), pending(f));
                }
                return new ArrayList<>(merged.values()).subList(0, Math.min(merged.size(), q.limit() + 1));
            }
        });
        boolean more = items.size() > q.limit();
        List<Delivery> page = more ? items.subList(0, q.limit()) : items;
        return new DeliveryPage(page, more ? page.get(page.size() - 1).id() : null);
    }

    /**
     * A delivery in flight on this node without a row: pending, its first attempt under way or waiting for the
     * ticket's earlier ones; no attempt before the end of its lease.
     */
    private Delivery pending(Claimed f) {
        DeliveryRequest r = f.request();
        return new Delivery(r.deliveryId(), r.kind(), r.subscriberId(), r.messageId(), r.eventType().wireName(),
                r.sequence(), r.ticketId(), DeliveryStatus.PENDING, 0, f.startedAt().plus(settings.lease()), null, null,
                null, f.createdAt(), null);
    }

    @Override
    public Optional<Delivery> get(String deliveryId) {
        Optional<Claimed> inFlight = unsettled.find(deliveryId); // before the database, as in list
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM delivery WHERE id = ?")) {
                ps.setString(1, deliveryId);
                Optional<Delivery> row = DeliveryRows.deliveries(ps).stream().findFirst();
                if (row.isPresent()) {
                    return row;
                }
                Optional<Delivery> journaled = Journal.find(c, deliveryId).map(Journal.Entry::delivery);
                return journaled.isPresent() ? journaled : inFlight.map(this::pending);
            }
        });
    }

    @Override
    public List<DeliveryAttempt> attempts(String deliveryId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM delivery_attempt WHERE delivery_id = ? ORDER BY attempted_at, id")) {
                ps.setString(1, deliveryId);
                List<DeliveryAttempt> attempts = DeliveryRows.attempts(ps);
                if (attempts.isEmpty()) {
                    return Journal.find(c, deliveryId).map(e -> List.of(e.attempt())).orElse(List.of());
                }
                return attempts;
            }
        });
    }

    @Override
    public Delivery redeliver(String deliveryId) {
        // read in the resetting transaction: the answer is what was scheduled, not what a claim made of it since
        Delivery d = db.inTransaction(c -> {
            rowForJournaled(c, deliveryId);
            try (PreparedStatement ps = c.prepareStatement(Sql.RESET + " WHERE id = ? AND status <> 'PENDING'")) {
                Jdbc.setInstant(ps, 1, clock.instant());
                ps.setString(2, deliveryId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM delivery WHERE id = ?")) {
                ps.setString(1, deliveryId);
                return DeliveryRows.deliveries(ps).stream().findFirst();
            }
        }).orElseThrow(() -> new NotFoundException("no delivery " + deliveryId));
        wake();
        return d;
    }

    /** A journaled delivery about to be redelivered moves into the rows first. */
    private static void rowForJournaled(Connection c, String deliveryId) throws SQLException {
        Optional<Journal.Entry> entry = Journal.find(c, deliveryId);
        if (entry.isPresent()) {
            Journal.Entry e = entry.get();
            Relay.lockPosition(c); // one at a time with the relay, as a replay: its check for open rows sees this one
            Journal.moveToRows(c, e.kind(), e.subscriberId(), e.sequence(), e.sequence(),
                    x -> x.deliveryId().equals(deliveryId));
        }
    }

    @Override
    public int replay(String kind, String subscriberId, Instant since, Instant until, Set<EventType> types) {
        int n = db.inTransaction(c -> new Replay(c, clock.instant()).run(kind, subscriberId, since,
                until == null ? clock.instant() : until, types));
        wake();
        return n;
    }

    @Override
    public int retryFailed(String kind, String subscriberId) {
        int n = update(Sql.RESET + " WHERE kind = ? AND subscriber_id = ? AND status = 'FAILED'", kind, subscriberId);
        wake();
        return n;
    }

    @Override
    public int cancelPending(String kind, String subscriberId, String reason) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = 'FAILED', completed_at = ?,"
                    + " next_attempt_at = NULL, queue_key = NULL, locked_until = NULL, lease_owner = NULL,"
                    + " last_error = ?"
                    + " WHERE kind = ? AND subscriber_id = ? AND status = 'PENDING'")) {
                Jdbc.setInstant(ps, 1, clock.instant());
                ps.setString(2, Sql.cut("cancelled: " + reason, 1000));
                ps.setString(3, kind);
                ps.setString(4, subscriberId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int resume(String kind, String subscriberId) {
        Instant now = clock.instant();
        int n = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET next_attempt_at = ?"
                    + " WHERE kind = ? AND subscriber_id = ? AND status = 'PENDING' AND next_attempt_at > ?"
                    + " AND (locked_until IS NULL OR locked_until < ?)")) {
                Jdbc.setInstant(ps, 1, now);
                ps.setString(2, kind);
                ps.setString(3, subscriberId);
                Jdbc.setInstant(ps, 4, now);
                Jdbc.setInstant(ps, 5, now);
                return ps.executeUpdate();
            }
        });
        if (n > 0) {
            wake();
        }
        return n;
    }

    @Override
    public DeliveryStats stats(String kind, String subscriberId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*), MIN(created_at) FROM delivery"
                    + " WHERE kind = ? AND subscriber_id = ? GROUP BY status")) {
                ps.setString(1, kind);
                ps.setString(2, subscriberId);
                long pending = 0;
                long delivered = 0;
                long failed = 0;
                Instant oldest = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        switch (rs.getString(1)) {
                            case "PENDING" -> {
                                pending = rs.getLong(2);
                                oldest = Jdbc.getInstant(rs, 3);
                            }
                            case "DELIVERED" -> delivered = rs.getLong(2);
                            default -> failed += rs.getLong(2);
                        }
                    }
                }
                delivered += Journal.count(c, kind, subscriberId);
                long inFlight = unsettled.count(kind, subscriberId);
                Instant oldestInFlight = unsettled.oldest(kind, subscriberId);
                if (oldestInFlight != null && (oldest == null || oldestInFlight.isBefore(oldest))) {
                    oldest = oldestInFlight;
                }
                return new DeliveryStats(pending + inFlight, delivered, failed, oldest);
            }
        });
    }

    /** The most minutes {@link #perMinute(int)} reads: one day. */
    static final int MAX_MINUTES = 1440;

    /** The queue of each subscriber kind ({@link org.integrationhub.delivery.DeliveryMetrics#queues()}). */
    public java.util.Map<String, DeliveryMetrics.Queue> queues() {
        // read before the database, as stats() does: an unsettled delivery leaves the set once its row is committed
        java.util.Map<String, long[]> inFlight = unsettled.byKind();
        java.util.Map<String, DeliveryMetrics.Queue> queues = db.inTransaction(c -> {
            java.util.Map<String, DeliveryMetrics.Queue> rows = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, COUNT(*), MIN(created_at) FROM delivery"
                    + " WHERE status = 'PENDING' GROUP BY kind"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new DeliveryMetrics.Queue(rs.getLong(2), Jdbc.getInstant(rs, 3)));
                }
            }
            return rows;
        });
        inFlight.forEach((kind, n) -> queues.merge(kind, new DeliveryMetrics.Queue(n[0], Instant.ofEpochMilli(n[1])),
                (a, b) -> new DeliveryMetrics.Queue(a.pending() + b.pending(),
                        a.oldestPendingCreatedAt() == null || b.oldestPendingCreatedAt().isBefore(
                                a.oldestPendingCreatedAt()) ? b.oldestPendingCreatedAt()
                                        : a.oldestPendingCreatedAt())));
        return queues;
    }

    /** The last minutes of the log ({@link org.integrationhub.delivery.DeliveryMetrics#perMinute(int)}). */
    public java.util.List<DeliveryMetrics.Minute> perMinute(int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("minutes must be 1 to " + MAX_MINUTES + ": " + minutes);
        }
        Instant first = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(60L * (minutes - 1));
        long firstMinute = first.getEpochSecond() / 60;
        long[] delivered = new long[minutes];
        long[] failed = new long[minutes];
        db.inTransaction(c -> {
            byMinute(c, "SELECT written_at AS t, entries AS n FROM delivery_journal WHERE written_at >= ?", first,
                    firstMinute, delivered);
            byMinute(c, "SELECT completed_at AS t, 1 AS n FROM delivery WHERE completed_at >= ? AND status = 'DELIVERED'",
                    first, firstMinute, delivered);
            byMinute(c, "SELECT attempted_at AS t, 1 AS n FROM delivery_attempt WHERE attempted_at >= ?"
                    + " AND result IN ('RETRY', 'FAILED', 'DISABLE')", first, firstMinute, failed);
            return null;
        });
        java.util.List<DeliveryMetrics.Minute> out = new java.util.ArrayList<>(minutes);
        for (int i = 0; i < minutes; i++) {
            out.add(new DeliveryMetrics.Minute(first.plusSeconds(60L * i), delivered[i], failed[i]));
        }
        return out;
    }

    /** Adds up column n of {@code select} (columns t, n; one parameter: the first instant) by the minute of t. */
    private static void byMinute(java.sql.Connection c, String select, Instant first, long firstMinute, long[] into)
            throws java.sql.SQLException {
        String sql = "SELECT m, SUM(n) FROM (SELECT FLOOR(EXTRACT(EPOCH FROM t) / 60) AS m, n FROM (" + select
                + ") r) x GROUP BY m";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.setInstant(ps, 1, first);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long i = rs.getLong(1) - firstMinute;
                    if (i >= 0 && i < into.length) {
                        into[(int) i] += rs.getLong(2);
                    }
                }
            }
        }
    }

    /**
     * Deletes completed deliveries (and their attempts) older than the retention. Walks the primary key: a delivery
     * completed before the cut-off was created before it too, and ULIDs sort by creation time.
     */
    public int purge() {
        Instant before = clock.instant().minus(settings.retention());
        int total = 0;
        int n;
        do {
            n = db.inTransaction(c -> {
                List<String> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM delivery WHERE id < ? AND completed_at < ? ORDER BY id LIMIT 1000")) {
                    ps.setString(1, Ids.before(before));
                    Jdbc.setInstant(ps, 2, before);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
                return ids.isEmpty() ? 0 : deleteAll(c, ids);
            });
            total += n;
        } while (n == 1000);
        int entries;
        do {
            entries = db.inTransaction(c -> Journal.purge(c, before));
            total += Math.max(0, entries);
        } while (entries >= 0);
        return total;
    }

    private static int deleteAll(Connection c, List<String> ids) throws SQLException {
        String in = " IN (" + Jdbc.placeholders(ids.size()) + ")";
        try (PreparedStatement a = c.prepareStatement("DELETE FROM delivery_attempt WHERE delivery_id" + in);
                PreparedStatement d = c.prepareStatement("DELETE FROM delivery WHERE id" + in)) {
            for (int i = 0; i < ids.size(); i++) {
                a.setString(i + 1, ids.get(i));
                d.setString(i + 1, ids.get(i));
            }
            a.executeUpdate();
            return d.executeUpdate();
        }
    }

    private int update(String sql, String kind, String subscriberId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.setInstant(ps, 1, clock.instant());
                ps.setString(2, kind);
                ps.setString(3, subscriberId);
                return ps.executeUpdate();
            }
        });
    }
}
