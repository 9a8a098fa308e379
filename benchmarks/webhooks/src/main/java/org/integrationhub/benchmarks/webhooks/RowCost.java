package org.integrationhub.benchmarks.webhooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the three row writes of a delivery cost on an embedded H2 file database (the distribution's URL), with the
 * {@code delivery} table's indexes before migration V13 ({@code v12}) and after it ({@code v13}): per batch of
 * {@code batch} deliveries over 1,000 tickets, the insert of the leased rows (one commit), then their attempt rows and
 * the update to DELIVERED (one commit), as the relay and the outcome writer do. {@code settled} (V13 indexes) writes
 * what a design that records a delivery only after its attempt would: the delivered row and its attempt, one commit
 * per batch ({@code settled1}: the delivered row alone). {@code ledger} writes one insert-only row per delivery (its
 * attempt inline) with a log index, {@code ledger-pk} the same with its primary key only, plus the relay's cursor.
 * {@code journal} measures the floor of the append-only delivery journal (built since migration V41): a batch's
 * outcomes as one appended row (one line per delivery: ids, sequence, ticket, result, status code, duration, time)
 * plus the relay's cursor update, one commit per batch; a delivery row of its own is written only for the other
 * outcomes. Usage: {@code RowCost v12|v13|settled|settled1|ledger|ledger-pk|journal [deliveries] [batch]}.
 */
public final class RowCost {

    private static final String TABLE = "CREATE TABLE delivery (id VARCHAR(26) PRIMARY KEY, kind VARCHAR(32) NOT NULL,"
            + " subscriber_id VARCHAR(64) NOT NULL, event_id VARCHAR(26) NOT NULL, event_seq BIGINT NOT NULL,"
            + " event_type VARCHAR(64) NOT NULL, ticket_id VARCHAR(26) NOT NULL, status VARCHAR(16) NOT NULL,"
            + " attempts INT NOT NULL, next_attempt_at TIMESTAMP WITH TIME ZONE, locked_until TIMESTAMP WITH TIME ZONE,"
            + " lease_owner VARCHAR(200), last_attempt_at TIMESTAMP WITH TIME ZONE, last_status_code INT,"
            + " last_error VARCHAR(1000), created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
            + " completed_at TIMESTAMP WITH TIME ZONE, queue_key VARCHAR(130),"
            + " CONSTRAINT delivery_uq UNIQUE (kind, subscriber_id, event_id))";
    private static final String[] COMMON = {
        "CREATE INDEX delivery_log_idx ON delivery (kind, subscriber_id, id)",
        "CREATE INDEX delivery_claim_idx ON delivery (status, next_attempt_at, event_seq)",
        "CREATE TABLE delivery_attempt (id VARCHAR(26) PRIMARY KEY, delivery_id VARCHAR(26) NOT NULL, attempt INT,"
                + " attempted_at TIMESTAMP WITH TIME ZONE, result VARCHAR(32), status_code INT, duration_ms BIGINT,"
                + " error VARCHAR(1000), response_excerpt VARCHAR(1000), next_attempt_at TIMESTAMP WITH TIME ZONE)",
        "CREATE INDEX delivery_attempt_delivery_idx ON delivery_attempt (delivery_id, attempted_at)"};
    private static final String[] V12 = {
        "CREATE INDEX delivery_order_idx ON delivery (kind, subscriber_id, ticket_id, event_seq)",
        "CREATE INDEX delivery_completed_idx ON delivery (completed_at)",
        "CREATE INDEX delivery_pending_order_idx ON delivery (kind, subscriber_id, ticket_id, status, event_seq)"};
    private static final String[] V13 = {"CREATE INDEX delivery_queue_idx ON delivery (queue_key, event_seq)"};

    private static final String[] JOURNAL = {
        "CREATE TABLE delivery_journal (id BIGINT PRIMARY KEY, node VARCHAR(200) NOT NULL,"
                + " written_at TIMESTAMP WITH TIME ZONE NOT NULL, entries INT NOT NULL, records VARCHAR(1000000) NOT NULL)",
        "CREATE TABLE delivery_relay (id INT PRIMARY KEY, position BIGINT NOT NULL,"
                + " updated_at TIMESTAMP WITH TIME ZONE)",
        "INSERT INTO delivery_relay VALUES (1, 0, NULL)"};

    private static final String LEDGER = "CREATE TABLE delivery_done (id VARCHAR(26) PRIMARY KEY,"
            + " kind VARCHAR(32) NOT NULL, subscriber_id VARCHAR(64) NOT NULL, event_id VARCHAR(26) NOT NULL,"
            + " event_seq BIGINT NOT NULL, event_type VARCHAR(64) NOT NULL, ticket_id VARCHAR(26) NOT NULL,"
            + " created_at TIMESTAMP WITH TIME ZONE NOT NULL, attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,"
            + " status_code INT, duration_ms BIGINT, response_excerpt VARCHAR(1000))";
    private static final String LEDGER_IDX = "CREATE INDEX delivery_done_log_idx ON delivery_done (kind, subscriber_id, id)";

    private RowCost() {
    }

    /** One insert-only row per delivery (its first, successful attempt inline) and the relay cursor, one commit. */
    private static void insertLedger(Connection c, int batch, long seq, Random random, OffsetDateTime now)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_done VALUES (?, 'webhook', 'SUBSCRIBER',"
                + " ?, ?, 'ticket.updated', ?, ?, ?, 204, 3, NULL)");
                PreparedStatement cursor = c.prepareStatement(
                        "UPDATE delivery_relay SET position = ?, updated_at = ? WHERE id = 1")) {
            for (int i = 0; i < batch; i++) {
                long s = seq + i + 1;
                ps.setString(1, String.format("01JD%022d", s));
                ps.setString(2, String.format("01JE%022d", s));
                ps.setLong(3, s);
                ps.setString(4, String.format("01J0000000000000000000%04d", random.nextInt(1000)));
                ps.setObject(5, now);
                ps.setObject(6, now);
                ps.addBatch();
            }
            ps.executeBatch();
            cursor.setLong(1, seq + batch);
            cursor.setObject(2, now);
            cursor.executeUpdate();
        }
    }

    /** One appended row for the batch's outcomes and the relay cursor's move past them, one commit. */
    private static void appendJournal(Connection c, long batchId, int batch, long seq, Random random,
            OffsetDateTime now) throws java.sql.SQLException {
        StringBuilder records = new StringBuilder(batch * 128);
        for (int i = 0; i < batch; i++) {
            long s = seq + i + 1;
            records.append(String.format("01JD%022d", s)).append(',').append(String.format("01JE%022d", s))
                    .append(',').append(s).append(',').append("webhook|SUBSCRIBER|")
                    .append(String.format("01J0000000000000000000%04d", random.nextInt(1000)))
                    .append(",DELIVERED,204,3,").append(now).append('\n');
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_journal VALUES (?, 'bench', ?, ?, ?)");
                PreparedStatement cursor = c.prepareStatement(
                        "UPDATE delivery_relay SET position = ?, updated_at = ? WHERE id = 1")) {
            ps.setLong(1, batchId);
            ps.setObject(2, now);
            ps.setInt(3, batch);
            ps.setString(4, records.toString());
            ps.executeUpdate();
            cursor.setLong(1, seq + batch);
            cursor.setObject(2, now);
            cursor.executeUpdate();
        }
    }

    private static void insertSettled(Connection c, int batch, long seq, Random random, OffsetDateTime now,
            boolean noAttemptRow) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (id, kind, subscriber_id, event_id,"
                + " event_seq, event_type, ticket_id, status, attempts, last_attempt_at, last_status_code, created_at,"
                + " completed_at) VALUES (?, 'webhook', 'SUBSCRIBER', ?, ?, 'ticket.updated', ?, 'DELIVERED', 1, ?,"
                + " 204, ?, ?)");
                PreparedStatement attempt = c.prepareStatement("INSERT INTO delivery_attempt VALUES"
                        + " (?, ?, 1, ?, 'DELIVERED', 204, 3, NULL, NULL, NULL)")) {
            for (int i = 0; i < batch; i++) {
                long s = seq + i + 1;
                String id = String.format("01JD%022d", s);
                ps.setString(1, id);
                ps.setString(2, String.format("01JE%022d", s));
                ps.setLong(3, s);
                ps.setString(4, String.format("01J0000000000000000000%04d", random.nextInt(1000)));
                ps.setObject(5, now);
                ps.setObject(6, now);
                ps.setObject(7, now);
                ps.addBatch();
                attempt.setString(1, "01JA" + id.substring(4));
                attempt.setString(2, id);
                attempt.setObject(3, now);
                attempt.addBatch();
            }
            ps.executeBatch();
            if (!noAttemptRow) {
                attempt.executeBatch();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "v13";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path dir = Files.createTempDirectory("row-cost");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("hub")
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000", "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute(TABLE);
                for (String ddl : COMMON) {
                    s.execute(ddl);
                }
                for (String ddl : variant.equals("v12") ? V12 : V13) { // settled, journal: V13
                    s.execute(ddl);
                }
                for (String ddl : JOURNAL) {
                    s.execute(ddl);
                }
                s.execute(LEDGER);
                if (variant.equals("ledger")) {
                    s.execute(LEDGER_IDX);
                }
            }
            c.setAutoCommit(false);
            Random random = new Random(1);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            long insertNanos = 0;
            long outcomeNanos = 0;
            int warmup = Math.min(2_000, n / 2);
            long seq = 0;
            boolean settled = variant.startsWith("settled");
            boolean noAttemptRow = variant.equals("settled1");
            boolean journal = variant.equals("journal");
            boolean ledger = variant.startsWith("ledger");
            for (int done = 0; done < n; done += batch) {
                List<String> ids = new ArrayList<>();
                long t0 = System.nanoTime();
                if (journal) {
                    appendJournal(c, done / batch, batch, seq, random, now);
                    seq += batch;
                    c.commit();
                    if (done >= warmup) {
                        outcomeNanos += System.nanoTime() - t0;
                    }
                    continue;
                }
                if (ledger) {
                    insertLedger(c, batch, seq, random, now);
                    seq += batch;
                    c.commit();
                    if (done >= warmup) {
                        outcomeNanos += System.nanoTime() - t0;
                    }
                    continue;
                }
                if (settled) {
                    insertSettled(c, batch, seq, random, now, noAttemptRow);
                    seq += batch;
                    c.commit();
                    if (done >= warmup) {
                        outcomeNanos += System.nanoTime() - t0;
                    }
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (id, kind, subscriber_id,"
                        + " event_id, event_seq, event_type, ticket_id, status, attempts, next_attempt_at, created_at,"
                        + " lease_owner, locked_until, queue_key) VALUES (?, 'webhook', 'SUBSCRIBER', ?, ?,"
                        + " 'ticket.updated', ?, 'PENDING', 1, ?, ?, 'bench/claim', ?, ?)")) {
                    for (int i = 0; i < batch; i++) {
                        seq++;
                        String id = String.format("01JD%022d", seq);
                        String ticket = String.format("01J0000000000000000000%04d", random.nextInt(1000));
                        ids.add(id);
                        ps.setString(1, id);
                        ps.setString(2, String.format("01JE%022d", seq));
                        ps.setLong(3, seq);
                        ps.setString(4, ticket);
                        ps.setObject(5, now);
                        ps.setObject(6, now);
                        ps.setObject(7, now);
                        ps.setString(8, "webhook|SUBSCRIBER|" + ticket);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                long t1 = System.nanoTime();
                try (PreparedStatement attempt = c.prepareStatement("INSERT INTO delivery_attempt VALUES"
                        + " (?, ?, 1, ?, 'DELIVERED', 204, 3, NULL, NULL, NULL)");
                        PreparedStatement update = c.prepareStatement("UPDATE delivery SET status = 'DELIVERED',"
                                + " next_attempt_at = NULL, completed_at = ?, queue_key = NULL, locked_until = NULL,"
                                + " lease_owner = NULL, last_status_code = 204, last_error = NULL"
                                + " WHERE id = ? AND lease_owner = 'bench/claim' AND status = 'PENDING'")) {
                    for (String id : ids) {
                        attempt.setString(1, "01JA" + id.substring(4));
                        attempt.setString(2, id);
                        attempt.setObject(3, now);
                        attempt.addBatch();
                        update.setObject(1, now);
                        update.setString(2, id);
                        update.addBatch();
                    }
                    attempt.executeBatch();
                    update.executeBatch();
                }
                c.commit();
                long t2 = System.nanoTime();
                if (done >= warmup) {
                    insertNanos += t1 - t0;
                    outcomeNanos += t2 - t1;
                }
            }
            int measured = n - warmup;
            System.out.printf("%s: insert %.1f µs, attempt + update %.1f µs, total %.1f µs per delivery"
                    + " (%,.0f deliveries/s on one thread)%n", variant, insertNanos / 1e3 / measured,
                    outcomeNanos / 1e3 / measured, (insertNanos + outcomeNanos) / 1e3 / measured,
                    measured / ((insertNanos + outcomeNanos) / 1e9));
        }
    }
}
