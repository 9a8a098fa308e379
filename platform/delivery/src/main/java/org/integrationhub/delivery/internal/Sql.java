package org.integrationhub.delivery.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** JDBC helpers; times travel as {@link OffsetDateTime} in UTC, truncated to microseconds (both databases). */
final class Sql {

    private Sql() {
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setObject(index, value == null ? null
                : OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Integer getInteger(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    /** @return {@code s} cut to at most {@code max} characters; null stays null */
    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** SQL expression of a row's {@code queue_key} while it is PENDING (see migration V13). */
    static final String QUEUE_KEY = "kind || '|' || subscriber_id || '|' || ticket_id";

    /** @return the {@code queue_key} of an open delivery: one per (kind, subscriber, ticket) */
    static String queueKey(String kind, String subscriberId, String ticketId) {
        return kind + '|' + subscriberId + '|' + ticketId;
    }

    /** @return "?, ?, ?" with n placeholders */
    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
