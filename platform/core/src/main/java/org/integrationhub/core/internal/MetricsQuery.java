package org.integrationhub.core.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.integrationhub.api.TicketMetrics;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.persistence.Database.Dialect;

/** Aggregates over all tickets, computed by the database (a few rows come back, whatever the ticket count). */
final class MetricsQuery {

    private static final String ACTIVE = "status IN ('open', 'pending')";
    private static final String DONE = "status IN ('resolved', 'closed')";

    private final String resolutionMillis;

    MetricsQuery(Dialect dialect) {
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
            Sql.setInstant(ps, 1, now);
            overdue = single(ps).longValue();
        }
        long lateResolved;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM ticket WHERE " + DONE + " AND resolved_at > sla_due_at")) {
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

    private static BigDecimal single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }
}
