package org.integrationhub.core.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketMetrics;
import org.integrationhub.api.TicketStats;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.persistence.Database.Dialect;
import org.integrationhub.persistence.Jdbc;

/** Aggregates over all tickets, computed by the database (a few rows come back, whatever the ticket count). */
final class MetricsQuery {

    private static final String ACTIVE = "status IN ('open', 'pending')";
    /** The window of the average resolution time in {@link #stats}. */
    static final Duration WINDOW = Duration.ofMinutes(60);

    private final String resolutionMillis;
    private final boolean postgres;

    MetricsQuery(Dialect dialect) {
        this.postgres = dialect == Dialect.POSTGRESQL;
        this.resolutionMillis = dialect == Dialect.POSTGRESQL
                ? "EXTRACT(EPOCH FROM (resolved_at - created_at)) * 1000"
                : "DATEDIFF('MILLISECOND', created_at, resolved_at)";
    }

    TicketMetrics compute(Connection c, Instant now) throws SQLException {
        Map<TicketStatus, Long> counts = new EnumMap<>(TicketStatus.class);
        for (TicketStatus s : TicketStatus.values()) {
            counts.put(s, 0L);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM ticket GROUP BY status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(TicketStatus.fromWireName(rs.getString(1)), rs.getLong(2));
            }
        }
        long overdue;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM ticket WHERE " + ACTIVE + " AND sla_due_at < ?")) {
            Jdbc.setInstant(ps, 1, now);
            overdue = single(ps).longValue();
        }
        long lateResolved;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM ticket WHERE resolved_late = TRUE")) {
            lateResolved = single(ps).longValue();
        }
        Duration average = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), SUM(" + resolutionMillis + ") FROM ticket "
                + "WHERE resolved_at IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long resolved = rs.getLong(1);
            BigDecimal totalMillis = rs.getBigDecimal(2);
            if (resolved > 0 && totalMillis != null) {
                average = Duration.ofMillis(
                        totalMillis.divide(BigDecimal.valueOf(resolved), 0, RoundingMode.HALF_UP).longValueExact());
            }
        }
        return new TicketMetrics(java.util.Collections.unmodifiableMap(counts), overdue, overdue + lateResolved, average);
    }

    /**
     * The figures of {@code GET /api/v1/metrics/tickets}, per priority, from three grouped index-range counts (indexes
     * of migration V2): the active tickets, the late-resolved ones, and the ones resolved in the window.
     */
    TicketStats stats(Connection c, Instant now) throws SQLException {
        Map<Priority, long[]> rows = new EnumMap<>(Priority.class); // open, overdue, late, resolved, millis
        for (Priority p : Priority.values()) {
            rows.put(p, new long[5]);
        }
        if (postgres) {
            // Index-only scans of some 10^5 entries: starting a parallel worker costs more than it saves (measured
            // with 1,000,000 tickets: 52 ms with one worker, against 13 ms alone). For this transaction only.
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT priority, COUNT(*), "
                + "SUM(CASE WHEN sla_due_at < ? THEN 1 ELSE 0 END) FROM ticket WHERE " + ACTIVE
                + " GROUP BY priority")) {
            Jdbc.setInstant(ps, 1, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] r = rows.get(Priority.fromWireName(rs.getString(1)));
                    r[0] = rs.getLong(2);
                    r[1] = rs.getLong(3);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT priority, COUNT(*) FROM ticket WHERE resolved_late = TRUE GROUP BY priority");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.get(Priority.fromWireName(rs.getString(1)))[2] = rs.getLong(2);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT priority, COUNT(*), SUM(" + resolutionMillis
                + ") FROM ticket WHERE resolved_at > ? AND resolved_at <= ? GROUP BY priority")) {
            Jdbc.setInstant(ps, 1, now.minus(WINDOW));
            Jdbc.setInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] r = rows.get(Priority.fromWireName(rs.getString(1)));
                    r[3] = rs.getLong(2);
                    r[4] = rs.getBigDecimal(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
                }
            }
        }
        Map<Priority, TicketStats.Figures> byPriority = new EnumMap<>(Priority.class);
        long[] total = new long[5];
        for (Map.Entry<Priority, long[]> e : rows.entrySet()) {
            long[] r = e.getValue();
            byPriority.put(e.getKey(), figures(r));
            for (int i = 0; i < total.length; i++) {
                total[i] += r[i];
            }
        }
        return new TicketStats(now, WINDOW, figures(total), byPriority);
    }

    private static TicketStats.Figures figures(long[] r) {
        Duration average = r[3] == 0 ? null : Duration.ofMillis(Math.round((double) r[4] / r[3]));
        return new TicketStats.Figures(r[0], r[1], r[1] + r[2], r[3], average);
    }

    private static BigDecimal single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }
}
