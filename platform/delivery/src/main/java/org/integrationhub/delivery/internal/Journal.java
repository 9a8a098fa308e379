package org.integrationhub.delivery.internal;

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

import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.DeliveryStatus;

/**
 * The delivery journal (migration V41): directly dispatched deliveries whose first attempt succeeded, appended as one
 * row per write batch and subscriber, one tab-separated line per delivery. Appending a row costs a fraction of
 * writing a delivery row and its attempt row (B-tree updates of every index per delivery; see docs/benchmarks.md),
 * which is what the engine writes for every other outcome. A redeliver or a replay moves the journaled deliveries it
 * reschedules into rows first ({@link #moveToRows}): a delivery is a journal line or a row, never both.
 */
final class Journal {

    /** Lines per journal row at most. */
    static final int MAX_ENTRIES = 400;
    /**
     * Rows of the delivery's subscriber a lookup by id reads at most, from the first whose largest sequence reaches
     * the delivery's (its row is one of the first unless its outcome came that many write batches late).
     */
    private static final int FIND_ROWS = 200;

    /** One journaled delivery. */
    record Entry(String kind, String subscriberId, String deliveryId, String eventId, long sequence, String eventType,
            String ticketId, Instant createdAt, Instant attemptedAt, Instant completedAt, Integer statusCode,
            Long durationMillis, String responseExcerpt) {

        Delivery delivery() {
            return new Delivery(deliveryId, kind, subscriberId, eventId, eventType, sequence, ticketId,
                    DeliveryStatus.DELIVERED, 1, null, attemptedAt, statusCode, null, createdAt, completedAt);
        }

        DeliveryAttempt attempt() {
            return new DeliveryAttempt(deliveryId, deliveryId, 1, attemptedAt, DeliveryOutcome.Result.DELIVERED,
                    statusCode, durationMillis, null, responseExcerpt, null);
        }
    }

    private Journal() {
    }

    /** Appends the successes of a write batch (rowless deliveries only), one row per subscriber and 400 lines. */
    static void append(Connection c, List<Completion> delivered, Instant now) throws SQLException {
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
            DeliveryOutcome o = x.outcome();
            records.append(id).append('\t').append(r.messageId()).append('\t').append(seq).append('\t')
                    .append(r.eventType().wireName()).append('\t').append(r.ticketId()).append('\t')
                    .append(micros(x.claimed().createdAt())).append('\t').append(micros(x.claimed().startedAt()))
                    .append('\t').append(micros(x.at())).append('\t')
                    .append(o.statusCode() == null ? "" : o.statusCode().toString()).append('\t')
                    .append(o.duration() == null ? "" : Long.toString(o.duration().toMillis())).append('\t');
            escape(records, Sql.cut(o.responseExcerpt(), CompletionWriter.EXCERPT_MAX));
            records.append('\n');
        }
        ps.setString(1, Ids.next());
        ps.setString(2, s.kind());
        ps.setString(3, s.id());
        ps.setString(4, minId);
        ps.setString(5, maxId);
        ps.setLong(6, minSeq);
        ps.setLong(7, maxSeq);
        ps.setInt(8, rows.size());
        Sql.setInstant(ps, 9, now);
        ps.setString(10, records.toString());
        ps.setLong(11, Ids.subscriberHash(s.kind(), s.id()));
        ps.addBatch();
    }

    /**
     * @return up to {@code max} of the subscriber's journaled deliveries with an id below {@code cursor} (null: any),
     *         newest first
     */
    static List<Entry> page(Connection c, String kind, String subscriberId, String cursor, int max)
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
    static Optional<Entry> find(Connection c, String deliveryId) throws SQLException {
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
     * each gets its DELIVERED row and its attempt row, and its journal line is removed.
     *
     * @param fromSeq the first event sequence concerned
     * @param toSeq the last event sequence concerned
     * @param which those of the subscriber's entries in the range that move
     * @return the number of deliveries moved
     */
    static int moveToRows(Connection c, String kind, String subscriberId, long fromSeq, long toSeq,
            java.util.function.Predicate<Entry> which) throws SQLException {
        List<Entry> moved = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, records FROM delivery_journal WHERE kind = ?"
                + " AND subscriber_id = ? AND max_seq >= ? AND min_seq <= ? FOR UPDATE");
                PreparedStatement update = c.prepareStatement("UPDATE delivery_journal SET records = ?, entries = ?,"
                        + " min_id = ?, max_id = ?, min_seq = ?, max_seq = ? WHERE id = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM delivery_journal WHERE id = ?")) {
            select.setString(1, kind);
            select.setString(2, subscriberId);
            select.setLong(3, fromSeq);
            select.setLong(4, toSeq);
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] row : rows) {
                List<String> kept = new ArrayList<>();
                List<Entry> keptEntries = new ArrayList<>();
                String[] lines = row[1].split("\n");
                boolean changed = false;
                for (String line : lines) {
                    Entry e = parse(kind, subscriberId, line).get(0);
                    if (e.sequence() >= fromSeq && e.sequence() <= toSeq && which.test(e)) {
                        moved.add(e);
                        changed = true;
                    } else {
                        kept.add(line);
                        keptEntries.add(e);
                    }
                }
                if (!changed) {
                    continue;
                }
                if (kept.isEmpty()) {
                    delete.setString(1, row[0]);
                    delete.executeUpdate();
                    continue;
                }
                update.setString(1, String.join("\n", kept) + "\n");
                update.setInt(2, kept.size());
                update.setString(3, keptEntries.stream().map(Entry::deliveryId).min(String::compareTo).get());
                update.setString(4, keptEntries.stream().map(Entry::deliveryId).max(String::compareTo).get());
                update.setLong(5, keptEntries.stream().mapToLong(Entry::sequence).min().getAsLong());
                update.setLong(6, keptEntries.stream().mapToLong(Entry::sequence).max().getAsLong());
                update.setString(7, row[0]);
                update.executeUpdate();
            }
        }
        if (moved.isEmpty()) {
            return 0;
        }
        try (PreparedStatement row = c.prepareStatement("INSERT INTO delivery (id, kind, subscriber_id, event_id,"
                + " event_seq, event_type, ticket_id, status, attempts, next_attempt_at, created_at, queue_key,"
                + " last_attempt_at, last_status_code, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'DELIVERED', 1,"
                + " NULL, ?, NULL, ?, ?, ?)");
                PreparedStatement attempt = c.prepareStatement("INSERT INTO delivery_attempt (id, delivery_id,"
                        + " attempt, attempted_at, result, status_code, duration_ms, error, response_excerpt,"
                        + " next_attempt_at) VALUES (?, ?, 1, ?, 'DELIVERED', ?, ?, NULL, ?, NULL)")) {
            for (Entry e : moved) {
                row.setString(1, e.deliveryId());
                row.setString(2, e.kind());
                row.setString(3, e.subscriberId());
                row.setString(4, e.eventId());
                row.setLong(5, e.sequence());
                row.setString(6, e.eventType());
                row.setString(7, e.ticketId());
                Sql.setInstant(row, 8, e.createdAt());
                Sql.setInstant(row, 9, e.attemptedAt());
                Sql.setInteger(row, 10, e.statusCode());
                Sql.setInstant(row, 11, e.completedAt());
                row.addBatch();
                attempt.setString(1, Ids.next());
                attempt.setString(2, e.deliveryId());
                Sql.setInstant(attempt, 3, e.attemptedAt());
                Sql.setInteger(attempt, 4, e.statusCode());
                if (e.durationMillis() == null) {
                    attempt.setNull(5, java.sql.Types.BIGINT);
                } else {
                    attempt.setLong(5, e.durationMillis());
                }
                attempt.setString(6, e.responseExcerpt());
                attempt.addBatch();
            }
            row.executeBatch();
            attempt.executeBatch();
        }
        return moved.size();
    }

    /** @return the ids of the deliveries journaled for events after {@code position} (a relay taking over) */
    static Set<String> deliveredAfter(Connection c, long position) throws SQLException {
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
    static long count(Connection c, String kind, String subscriberId) throws SQLException {
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
    static int purge(Connection c, Instant before) throws SQLException {
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
                "DELETE FROM delivery_journal WHERE id IN (" + Sql.placeholders(ids.size()) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            ps.executeUpdate();
        }
        return entries;
    }

    static List<Entry> parse(String kind, String subscriberId, String records) {
        List<Entry> entries = new ArrayList<>();
        int start = 0;
        while (start < records.length()) {
            int end = records.indexOf('\n', start);
            if (end < 0) {
                end = records.length();
            }
            String[] f = records.substring(start, end).split("\t", -1);
            entries.add(new Entry(kind, subscriberId, f[0], f[1], Long.parseLong(f[2]), f[3], f[4], instant(f[5]),
                    instant(f[6]), instant(f[7]), f[8].isEmpty() ? null : Integer.valueOf(f[8]),
                    f[9].isEmpty() ? null : Long.valueOf(f[9]), unescape(f[10])));
            start = end + 1;
        }
        return entries;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static Instant instant(String micros) {
        long v = Long.parseLong(micros);
        return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1_000L);
    }

    /** Writes {@code s} with backslash, tab, newline and carriage return escaped; null as nothing. */
    private static void escape(StringBuilder out, String s) {
        if (s == null) {
            return;
        }
        out.append('=');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    private static String unescape(String s) {
        if (s.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
