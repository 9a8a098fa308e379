package org.integrationhub.delivery.internal.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.delivery.internal.shared.Completion;
import org.integrationhub.delivery.internal.shared.Ids;
import org.integrationhub.delivery.internal.shared.Subscriber;
import org.integrationhub.persistence.Jdbc;

/**
 * The delivery journal (migration V41): directly dispatched deliveries whose first attempt succeeded, appended as one
 * row per write batch and subscriber, one tab-separated line per delivery ({@link JournalLines}). Appending a row
 * costs a fraction of writing a delivery row and its attempt row (B-tree updates of every index per delivery; see
 * docs/benchmarks.md), which is what the engine writes for every other outcome. When a delivery is a journal line and
 * when a row: {@link org.integrationhub.delivery.internal the engine's package doc}.
 */
public final class Journal {

    /** Lines per journal row at most. */
    static final int MAX_ENTRIES = 400;
    /**
     * Rows of the delivery's subscriber a lookup by id reads at most, from the first whose largest sequence reaches
     * the delivery's (its row is one of the first unless its outcome came that many write batches late).
     */
    private static final int FIND_ROWS = 200;

    /** One journaled delivery. */
    public record Entry(String kind, String subscriberId, String deliveryId, String eventId, long sequence,
            String eventType,
            String ticketId, Instant createdAt, Instant attemptedAt, Instant completedAt, Integer statusCode,
            Long durationMillis, String responseExcerpt) {

        public Delivery delivery() {
            return new Delivery(deliveryId, kind, subscriberId, eventId, eventType, sequence, ticketId,
                    DeliveryStatus.DELIVERED, 1, null, attemptedAt, statusCode, null, createdAt, completedAt);
        }

        public DeliveryAttempt attempt() {
            return new DeliveryAttempt(deliveryId, deliveryId, 1, attemptedAt, DeliveryOutcome.Result.DELIVERED,
                    statusCode, durationMillis, null, responseExcerpt, null);
        }
    }

    private Journal() {
    }

    /** Appends the successes of a write batch (rowless deliveries only), one row per subscriber and 400 lines. */
    public static void append(Connection c, List<Completion> delivered, Instant now) throws SQLException {
        if (delivered.isEmpty()) {
            return;
        }
        Map<Subscriber, List<Completion>> bySubscriber = new LinkedHashMap<>();
        for (Completion x : delivered) {
            DeliveryRequest r = x.claimed().request();
            bySubscriber.computeIfAbsent(new Subscriber(r.kind(), r.subscriberId()), k -> new ArrayList<>()).add(x);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_journal (id, kind, subscriber_id, min_id,"
                + " max_id, min_seq, max_seq, entries, written_at, records, subscriber_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<Subscriber, List<Completion>> group : bySubscriber.entrySet()) {
                List<Completion> all = group.getValue();
                for (int from = 0; from < all.size(); from += MAX_ENTRIES) {
                    addRow(ps, group.getKey(), all.subList(from, Math.min(all.size(), from + MAX_ENTRIES)), now);
                }
            }
            ps.executeBatch();
        }
    }

    private static void addRow(PreparedStatement ps, Subscriber s, List<Completion> rows, Instant now)
            throws SQLException {
        StringBuilder records = new StringBuilder(rows.size() * 160);
        String minId = null;
        String maxId = null;
        long minSeq = Long.MAX_VALUE;
        long maxSeq = Long.MIN_VALUE;
        for (Completion x : rows) {
            DeliveryRequest r = x.claimed().request();
            String id = r.deliveryId();
            long seq = r.sequence();
            minId = minId == null || id.compareTo(minId) < 0 ? id : minId;
            maxId = maxId == null || id.compareTo(maxId) > 0 ? id : maxId;
            minSeq = Math.min(minSeq, seq);
            maxSeq = Math.max(maxSeq, seq);
            JournalLines.append(records, x);
        }
        ps.setString(1, Ids.next());
        ps.setString(2, s.kind());
        ps.setString(3, s.id());
        ps.setString(4, minId);
        ps.setString(5, maxId);
        ps.setLong(6, minSeq);
        ps.setLong(7, maxSeq);
        ps.setInt(8, rows.size());
        Jdbc.setInstant(ps, 9, now);
        ps.setString(10, records.toString());
        ps.setLong(11, Ids.subscriberHash(s.kind(), s.id()));
        ps.addBatch();
    }

    /**
     * @return up to {@code max} of the subscriber's journaled deliveries with an id below {@code cursor} (null: any),
     *         newest first
     */
    public static List<Entry> page(Connection c, String kind, String subscriberId, String cursor, int max)
            throws SQLException {
        // rows by largest id, newest first: once {@code max} entries are found and a row's largest id is below the
        // smallest of them, no later row can hold a newer one
        String sql = "SELECT kind, subscriber_id, max_id, records FROM delivery_journal WHERE kind = ? AND"
                + " subscriber_id = ?" + (cursor == null ? "" : " AND min_id < ?") + " ORDER BY max_id DESC";
        List<Entry> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, kind);
            ps.setString(2, subscriberId);
            if (cursor != null) {
                ps.setString(3, cursor);
            }
            ps.setFetchSize(16);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (found.size() >= max && rs.getString(3).compareTo(found.get(max - 1).deliveryId()) < 0) {
                        break;
                    }
                    for (Entry e : parse(rs.getString(1), rs.getString(2), rs.getString(4))) {
                        if (cursor == null || e.deliveryId().compareTo(cursor) < 0) {
                            found.add(e);
                        }
                    }
                    found.sort(Comparator.comparing(Entry::deliveryId).reversed());
                    if (found.size() > max) {
                        found.subList(max, found.size()).clear();
                    }
                }
            }
        }
        return found;
    }

    /** @return the journaled delivery with this id, if its id is one of {@link Ids#delivery} and it is journaled */
    public static Optional<Entry> find(Connection c, String deliveryId) throws SQLException {
        long seq = Ids.sequenceOf(deliveryId);
        long hash = Ids.subscriberHashOf(deliveryId);
        if (seq < 0 || hash < 0) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, subscriber_id, min_seq, records FROM"
                + " delivery_journal WHERE subscriber_hash = ? AND max_seq >= ? ORDER BY max_seq"
                + " LIMIT " + FIND_ROWS)) {
            ps.setLong(1, hash);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(3) > seq) {
                        continue;
                    }
                    for (Entry e : parse(rs.getString(1), rs.getString(2), rs.getString(4))) {
                        if (e.deliveryId().equals(deliveryId)) {
                            return Optional.of(e);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Moves journaled deliveries of one subscriber into the rows (a redeliver or a replay is about to reschedule them):
     * each gets its DELIVERED row and its attempt row, and its journal line is removed. The caller holds the relay's
     * row lock.
     *
     * @param fromSeq the first event sequence concerned
     * @param toSeq the last event sequence concerned
     * @param which those of the subscriber's entries in the range that move
     * @return the number of deliveries moved
     */
    public static int moveToRows(Connection c, String kind, String subscriberId, long fromSeq, long toSeq,
            Predicate<Entry> which) throws SQLException {
        Predicate<Entry> moving = e -> e.sequence() >= fromSeq && e.sequence() <= toSeq && which.test(e);
        List<Entry> moved = new ArrayList<>();
        for (StoredRow row : lockRows(c, kind, subscriberId, fromSeq, toSeq)) {
            moved.addAll(takeOut(c, row, kind, subscriberId, moving));
        }
        if (!moved.isEmpty()) {
            insertDelivered(c, moved);
        }
        return moved.size();
    }

    /** One journal row, as a move reads it. */
    private record StoredRow(String id, String records) {
    }

    /** @return the subscriber's journal rows that may hold lines of the range, locked for the transaction */
    private static List<StoredRow> lockRows(Connection c, String kind, String subscriberId, long fromSeq, long toSeq)
            throws SQLException {
        List<StoredRow> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, records FROM delivery_journal WHERE kind = ?"
                + " AND subscriber_id = ? AND max_seq >= ? AND min_seq <= ? FOR UPDATE")) {
            select.setString(1, kind);
            select.setString(2, subscriberId);
            select.setLong(3, fromSeq);
            select.setLong(4, toSeq);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredRow(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return rows;
    }

    /**
     * Takes the moving lines out of one journal row: the row keeps the others (its bounds recomputed), or is deleted
     * when none is left.
     *
     * @return the entries taken out
     */
    private static List<Entry> takeOut(Connection c, StoredRow row, String kind, String subscriberId,
            Predicate<Entry> moving) throws SQLException {
        List<String> kept = new ArrayList<>();
        List<Entry> keptEntries = new ArrayList<>();
        List<Entry> moved = new ArrayList<>();
        for (String line : row.records().split("\n")) {
            Entry e = JournalLines.parse(kind, subscriberId, line).get(0);
            if (moving.test(e)) {
                moved.add(e);
            } else {
                kept.add(line);
                keptEntries.add(e);
            }
        }
        if (moved.isEmpty()) {
            return moved;
        }
        if (kept.isEmpty()) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM delivery_journal WHERE id = ?")) {
                delete.setString(1, row.id());
                delete.executeUpdate();
            }
        } else {
            rewrite(c, row.id(), kept, keptEntries);
        }
        return moved;
    }

    /** Writes a journal row again with the lines it keeps, and their bounds. */
    private static void rewrite(Connection c, String id, List<String> kept, List<Entry> keptEntries)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE delivery_journal SET records = ?, entries = ?,"
                + " min_id = ?, max_id = ?, min_seq = ?, max_seq = ? WHERE id = ?")) {
            update.setString(1, String.join("\n", kept) + "\n");
            update.setInt(2, kept.size());
            update.setString(3, keptEntries.stream().map(Entry::deliveryId).min(String::compareTo).get());
            update.setString(4, keptEntries.stream().map(Entry::deliveryId).max(String::compareTo).get());
            update.setLong(5, keptEntries.stream().mapToLong(Entry::sequence).min().getAsLong());
            update.setLong(6, keptEntries.stream().mapToLong(Entry::sequence).max().getAsLong());
            update.setString(7, id);
            update.executeUpdate();
        }
    }

    /** Writes the DELIVERED row and the attempt row of each moved delivery. */
    private static void insertDelivered(Connection c, List<Entry> moved) throws SQLException {
        try (PreparedStatement row = c.prepareStatement("INSERT INTO delivery (id, kind, subscriber_id, event_id,"
                + " event_seq, event_type, ticket_id, status, attempts, next_attempt_at, created_at, queue_key,"
                + " last_attempt_at, last_status_code, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'DELIVERED', 1,"
                + " NULL, ?, NULL, ?, ?, ?)");
                PreparedStatement attempt = c.prepareStatement("INSERT INTO delivery_attempt (id, delivery_id,"
                        + " attempt, attempted_at, result, status_code, duration_ms, error, response_excerpt,"
                        + " next_attempt_at) VALUES (?, ?, 1, ?, 'DELIVERED', ?, ?, NULL, ?, NULL)")) {
            for (Entry e : moved) {
                addDeliveredRow(row, e);
                addAttemptRow(attempt, e);
            }
            row.executeBatch();
            attempt.executeBatch();
        }
    }

    private static void addDeliveredRow(PreparedStatement row, Entry e) throws SQLException {
        row.setString(1, e.deliveryId());
        row.setString(2, e.kind());
        row.setString(3, e.subscriberId());
        row.setString(4, e.eventId());
        row.setLong(5, e.sequence());
        row.setString(6, e.eventType());
        row.setString(7, e.ticketId());
        Jdbc.setInstant(row, 8, e.createdAt());
        Jdbc.setInstant(row, 9, e.attemptedAt());
        Jdbc.setInteger(row, 10, e.statusCode());
        Jdbc.setInstant(row, 11, e.completedAt());
        row.addBatch();
    }

    private static void addAttemptRow(PreparedStatement attempt, Entry e) throws SQLException {
        attempt.setString(1, Ids.next());
        attempt.setString(2, e.deliveryId());
        Jdbc.setInstant(attempt, 3, e.attemptedAt());
        Jdbc.setInteger(attempt, 4, e.statusCode());
        Jdbc.setLong(attempt, 5, e.durationMillis());
        attempt.setString(6, e.responseExcerpt());
        attempt.addBatch();
    }

    /** @return the ids of the deliveries journaled for events after {@code position} (a relay taking over) */
    public static Set<String> deliveredAfter(Connection c, long position) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, subscriber_id, records FROM delivery_journal WHERE max_seq > ?")) {
            ps.setLong(1, position);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (Entry e : parse(rs.getString(1), rs.getString(2), rs.getString(3))) {
                        if (e.sequence() > position) {
                            ids.add(e.deliveryId());
                        }
                    }
                }
            }
        }
        return ids;
    }

    /** @return the number of the subscriber's journaled deliveries */
    public static long count(Connection c, String kind, String subscriberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(entries), 0) FROM delivery_journal"
                + " WHERE kind = ? AND subscriber_id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, subscriberId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Deletes up to 100 journal rows written before {@code before}; @return the number of entries they held */
    public static int purge(Connection c, Instant before) throws SQLException {
        List<String> ids = new ArrayList<>();
        int entries = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, entries FROM delivery_journal WHERE id < ? ORDER BY id LIMIT 100")) {
            ps.setString(1, Ids.before(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    entries += rs.getInt(2);
                }
            }
        }
        if (ids.isEmpty()) {
            return -1;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM delivery_journal WHERE id IN (" + Jdbc.placeholders(ids.size()) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            ps.executeUpdate();
        }
        return entries;
    }

    /** @return the entries of one journal row's {@code records} (see {@link JournalLines}) */
    public static List<Entry> parse(String kind, String subscriberId, String records) {
        return JournalLines.parse(kind, subscriberId, records);
    }
}
