package org.integrationhub.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;

/**
 * The hub's one set of JDBC conversions, the same on H2 and PostgreSQL. Times travel as {@link OffsetDateTime} in UTC,
 * truncated to {@link #PRECISION microseconds}: every time column of the schema is {@code TIMESTAMP WITH TIME ZONE},
 * which keeps microseconds on both databases, so an instant written through this class reads back equal to
 * {@link #truncate(Instant) its truncation}, and two instants keep their order (a database rounding the nanoseconds
 * itself could move a time past a later one).
 *
 * <p>Stateless; every method may be called from any thread.
 *
 * @since 0.2.0
 */
public final class Jdbc {

    /** The precision of every stored time. */
    public static final ChronoUnit PRECISION = ChronoUnit.MICROS;

    /** SQLState of a unique-constraint violation, on H2 and PostgreSQL alike. */
    public static final String UNIQUE_VIOLATION = "23505";

    private Jdbc() {
    }

    /** @return the instant as it is stored: truncated to {@link #PRECISION}; null stays null */
    public static Instant truncate(Instant value) {
        return value == null ? null : value.truncatedTo(PRECISION);
    }

    /** @return the instant as the JDBC value of a time column (UTC, {@link #PRECISION}); null stays null */
    public static OffsetDateTime timestamp(Instant value) {
        return value == null ? null : OffsetDateTime.ofInstant(value.truncatedTo(PRECISION), ZoneOffset.UTC);
    }

    /** Sets a time parameter (null: SQL NULL). */
    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setObject(index, timestamp(value));
    }

    /** @return the time in that column of the current row; null for SQL NULL */
    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** @return the time in that column (1-based) of the current row; null for SQL NULL */
    public static Instant getInstant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Sets an integer parameter (null: SQL NULL). */
    public static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    /** Sets a bigint parameter (null: SQL NULL). */
    public static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    /** @return the integer in that column of the current row; null for SQL NULL */
    public static Integer getInteger(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** @return the bigint in that column of the current row; null for SQL NULL */
    public static Long getLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** @return {@code "?, ?, ?"} with {@code n} placeholders, for an {@code IN (...)} list */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** @return whether the exception, or one chained to it, is a unique-constraint violation */
    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
