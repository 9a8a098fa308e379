package org.integrationhub.delivery.internal.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.internal.journal.Journal;
import org.integrationhub.delivery.internal.shared.Completion;
import org.integrationhub.delivery.internal.shared.Ids;
import org.integrationhub.delivery.internal.shared.Sql;
import org.integrationhub.persistence.Jdbc;

/**
 * Writes attempt outcomes: one delivery_attempt row each (absences excepted) and the delivery's new state; for a
 * rowless delivery (sent by the relay's node before it had a row) a journal line if it was delivered, else its row.
 */
public final class CompletionWriter {

    private static final String INSERT_ATTEMPT = "INSERT INTO delivery_attempt (id, delivery_id, attempt, attempted_at,"
            + " result, status_code, duration_ms, error, response_excerpt, next_attempt_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Only the lease holder may move a delivery on, and only while it is pending. */
    private static final String UPDATE = "UPDATE delivery SET status = ?, next_attempt_at = ?, completed_at = ?,"
            + " queue_key = ?, locked_until = NULL, lease_owner = NULL, last_status_code = ?, last_error = ?,"
            + " attempts = attempts + ? WHERE id = ? AND lease_owner = ? AND status = 'PENDING'";
    private static final String FAIL_SUBSCRIBER = "UPDATE delivery SET status = 'FAILED', completed_at = ?,"
            + " next_attempt_at = NULL, queue_key = NULL, locked_until = NULL, lease_owner = NULL, last_error = ?"
            + " WHERE kind = ? AND subscriber_id = ? AND status = 'PENDING'";

    /** A rowless delivery's row, made by its outcome (unless a replay made one meanwhile). */
    private static final String INSERT_ROW = "INSERT INTO delivery (id, kind, subscriber_id, event_id, event_seq,"
            + " event_type, ticket_id, status, attempts, next_attempt_at, created_at, queue_key, last_attempt_at,"
            + " last_status_code, last_error, completed_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
            + " FROM delivery_relay WHERE id = 1 AND NOT EXISTS"
            + " (SELECT 1 FROM delivery WHERE kind = ? AND subscriber_id = ? AND event_id = ?)";
    private static final String INSERT_ATTEMPT_OF_ROW = "INSERT INTO delivery_attempt (id, delivery_id, attempt,"
            + " attempted_at, result, status_code, duration_ms, error, response_excerpt, next_attempt_at)"
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM delivery WHERE id = ?";

    private static final String RELEASE = "UPDATE delivery SET locked_until = NULL, lease_owner = NULL,"
            + " next_attempt_at = ?, attempts = attempts - 1 WHERE id = ? AND lease_owner = ? AND status = 'PENDING'";

    private CompletionWriter() {
    }

    static void write(Connection c, List<Completion> completions, java.time.Instant now) throws SQLException {
        List<Completion> journaled = new java.util.ArrayList<>();
        List<Completion> rowless = new java.util.ArrayList<>();
        List<Completion> rows = new java.util.ArrayList<>();
        for (Completion x : completions) {
            if (!x.claimed().rowless()) {
                rows.add(x);
            } else if (x.decision() == Completion.Decision.DELIVERED) {
                journaled.add(x);
            } else {
                rowless.add(x);
            }
        }
        Journal.append(c, journaled, now);
        if (!rowless.isEmpty()) {
            insertRows(c, rowless);
        }
        if (!rows.isEmpty()) {
            updateRows(c, rows);
        }
        for (Completion x : completions) {
            if (x.decision() == Completion.Decision.DISABLE) {
                try (PreparedStatement ps = c.prepareStatement(FAIL_SUBSCRIBER)) {
                    Jdbc.setInstant(ps, 1, x.at());
                    ps.setString(2, "subscriber disabled: " + Sql.cut(x.outcome().error(), 900));
                    ps.setString(3, x.claimed().request().kind());
                    ps.setString(4, x.claimed().request().subscriberId());
                    ps.executeUpdate();
                }
            }
        }
    }

    /** The rows of rowless deliveries that were not delivered: retried, failed, absent or handed back unsent. */
    private static void insertRows(Connection c, List<Completion> completions) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_ROW);
                PreparedStatement attempt = c.prepareStatement(INSERT_ATTEMPT_OF_ROW)) {
            int attempts = 0;
            for (Completion x : completions) {
                DeliveryRequest r = x.claimed().request();
                Completion.Decision d = x.decision();
                boolean pending = d.pending() || d == Completion.Decision.RELEASE;
                boolean attempted = d.attempted();
                insert.setString(1, r.deliveryId());
                insert.setString(2, r.kind());
                insert.setString(3, r.subscriberId());
                insert.setString(4, r.messageId());
                insert.setLong(5, r.sequence());
                insert.setString(6, r.eventType().wireName());
                insert.setString(7, r.ticketId());
                insert.setString(8, pending ? "PENDING" : "FAILED");
                insert.setInt(9, attempted ? 1 : 0);
                Jdbc.setInstant(insert, 10, !pending ? null : d == Completion.Decision.RELEASE ? x.at()
                        : x.nextAttemptAt());
                Jdbc.setInstant(insert, 11, x.claimed().createdAt());
                insert.setString(12, pending ? Sql.queueKey(r.kind(), r.subscriberId(), r.ticketId()) : null);
                Jdbc.setInstant(insert, 13, attempted ? x.claimed().startedAt() : null);
                Jdbc.setInteger(insert, 14, x.outcome() == null ? null : x.outcome().statusCode());
                insert.setString(15, x.outcome() == null ? null : Sql.cut(errorOf(x), 1000));
                Jdbc.setInstant(insert, 16, pending ? null : x.at());
                insert.setString(17, r.kind());
                insert.setString(18, r.subscriberId());
                insert.setString(19, r.messageId());
                insert.addBatch();
                if (attempted) {
                    addAttempt(attempt, x);
                    attempt.setString(11, r.deliveryId());
                    attempt.addBatch();
                    attempts++;
                }
            }
            insert.executeBatch();
            if (attempts > 0) {
                attempt.executeBatch();
            }
        }
    }

    private static void updateRows(Connection c, List<Completion> completions) throws SQLException {
        try (PreparedStatement attempt = c.prepareStatement(INSERT_ATTEMPT);
                PreparedStatement update = c.prepareStatement(UPDATE);
                PreparedStatement release = c.prepareStatement(RELEASE)) {
            int attempts = 0;
            int updates = 0;
            int releases = 0;
            for (Completion x : completions) {
                switch (x.decision()) {
                    case RELEASE -> {
                        Jdbc.setInstant(release, 1, x.at());
                        release.setString(2, x.claimed().request().deliveryId());
                        release.setString(3, x.claimed().leaseOwner());
                        release.addBatch();
                        releases++;
                        continue;
                    }
                    default -> {
                        if (x.decision().attempted()) {
                            addAttempt(attempt, x);
                            attempt.addBatch();
                            attempts++;
                        }
                    }
                }
                addUpdate(update, x);
                updates++;
            }
            if (attempts > 0) {
                attempt.executeBatch();
            }
            if (updates > 0) {
                update.executeBatch();
            }
            if (releases > 0) {
                release.executeBatch();
            }
        }
    }

    private static void addAttempt(PreparedStatement ps, Completion x) throws SQLException {
        DeliveryOutcome o = x.outcome();
        ps.setString(1, Ids.next());
        ps.setString(2, x.claimed().request().deliveryId());
        ps.setInt(3, x.claimed().request().attempt());
        Jdbc.setInstant(ps, 4, x.claimed().startedAt());
        ps.setString(5, o.result().name());
        Jdbc.setInteger(ps, 6, o.statusCode());
        Jdbc.setLong(ps, 7, o.duration() == null ? null : o.duration().toMillis());
        ps.setString(8, Sql.cut(o.error(), 1000));
        ps.setString(9, Sql.cut(o.responseExcerpt(), Sql.EXCERPT_MAX));
        Jdbc.setInstant(ps, 10, x.nextAttemptAt());
    }

    private static void addUpdate(PreparedStatement ps, Completion x) throws SQLException {
        DeliveryOutcome o = x.outcome();
        boolean pending = x.decision().pending();
        String status = x.decision() == Completion.Decision.DELIVERED ? "DELIVERED" : pending ? "PENDING" : "FAILED";
        ps.setString(1, status);
        Jdbc.setInstant(ps, 2, pending ? x.nextAttemptAt() : null);
        Jdbc.setInstant(ps, 3, pending ? null : x.at());
        DeliveryRequest r = x.claimed().request();
        ps.setString(4, pending ? Sql.queueKey(r.kind(), r.subscriberId(), r.ticketId()) : null);
        Jdbc.setInteger(ps, 5, o.statusCode());
        ps.setString(6, x.decision() == Completion.Decision.DELIVERED ? null : Sql.cut(errorOf(x), 1000));
        ps.setInt(7, pending && !x.decision().attempted() ? -1 : 0); // the claim counted an attempt that was not made
        ps.setString(8, x.claimed().request().deliveryId());
        ps.setString(9, x.claimed().leaseOwner());
        ps.addBatch();
    }

    private static String errorOf(Completion x) {
        String error = x.outcome().error() == null ? x.outcome().result().name() : x.outcome().error();
        return switch (x.decision()) {
            case FAILED -> x.outcome().result() == DeliveryOutcome.Result.RETRY
                    ? "gave up after " + x.claimed().request().attempt() + " attempt(s): " + error : error;
            case ABSENT_EXPIRED -> "subscriber absent for too long: " + error;
            default -> error;
        };
    }
}
