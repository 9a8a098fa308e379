package org.integrationhub.delivery.internal.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which nodes sharing the database are alive, so that the deliveries a dead node had claimed are claimed again within
 * the node timeout, not only when each claim's lease ({@code leaseSeconds}: long enough for the slowest attempt) runs
 * out. Every node renews its row in {@code delivery_node} at each {@link #beat()} (every {@link #interval()}); a row
 * not renewed for the timeout belongs to a node that died (or hangs): the first live node to see it gives that node's
 * leased deliveries back to the claim path, as the node itself does when it restarts, and deletes the row.
 *
 * <p>A node that stops cleanly leaves its row to expire too: what it still holds is released once the timeout has
 * passed, unless it comes back first (and releases its own leases at its start).
 *
 * <p>A node that only hung longer than the timeout finds its leases gone when it wakes: the outcomes it then writes
 * are refused (only the lease holder moves a delivery on), and its deliveries are attempted elsewhere — at least
 * once, as after any lease expiry. Its next beat makes it a live node again. Thread-safe.
 */
public final class NodeWatch {

    /** Beats per timeout: a node is taken for dead only after missing this many in a row. */
    private static final int BEATS_PER_TIMEOUT = 3;

    private final Logger logger = LoggerFactory.getLogger(NodeWatch.class);
    private final Database db;
    private final DeliveryStore store;
    private final Clock clock;
    private final String node;
    private final Duration timeout;
    private final Instant startedAt;

    /**
     * @param node this node's name, as in its leases ({@code node/claim id})
     * @param timeout how long a node that stopped beating is still taken for alive
     */
    public NodeWatch(Database db, DeliveryStore store, Clock clock, String node, Duration timeout) {
        this.db = Objects.requireNonNull(db, "db");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.startedAt = clock.instant();
    }

    /** @return how often {@link #beat()} should run */
    public Duration interval() {
        return timeout.dividedBy(BEATS_PER_TIMEOUT);
    }

    /**
     * Renews this node's row, then gives back the leases of every node whose row has expired.
     *
     * @return the deliveries given back
     */
    public int beat() {
        Instant now = clock.instant();
        renew(now);
        int released = 0;
        for (String dead : expired(now)) {
            released += bury(dead, now);
        }
        return released;
    }

    private void renew(Instant now) {
        Instant until = now.plus(timeout);
        boolean postgres = db.dialect() == Database.Dialect.POSTGRESQL;
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE delivery_node SET alive_until = ? WHERE node_name = ?")) {
                Jdbc.setInstant(ps, 1, until);
                ps.setString(2, node);
                if (ps.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_node (node_name, alive_until,"
                    + " started_at) VALUES (?, ?, ?)" + (postgres ? " ON CONFLICT (node_name) DO NOTHING" : ""))) {
                ps.setString(1, node);
                Jdbc.setInstant(ps, 2, until);
                Jdbc.setInstant(ps, 3, startedAt);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (postgres || !Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
                // a concurrent beat of this node inserted it: renewed as well
            }
            return null;
        });
    }

    private List<String> expired(Instant now) {
        return db.inTransaction(c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT node_name FROM delivery_node WHERE alive_until < ? AND node_name <> ?")) {
                Jdbc.setInstant(ps, 1, now);
                ps.setString(2, node);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            return names;
        });
    }

    /** Gives a dead node's leases back and deletes its row, once: the row's lock and re-check let one node do it. */
    private int bury(String dead, Instant now) {
        return db.inTransaction(c -> {
            if (!lockExpired(c, dead, now)) {
                return 0; // renewed, or buried by another node meanwhile
            }
            int released = DeliveryStore.releaseLeases(c, dead, now);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM delivery_node WHERE node_name = ?")) {
                ps.setString(1, dead);
                ps.executeUpdate();
            }
            logger.warn("Hub node {} stopped beating (no sign of life for {} s): {} delivery(ies) it had claimed are "
                    + "attempted again now", dead, timeout.toSeconds(), released);
            return released;
        });
    }

    private static boolean lockExpired(Connection c, String dead, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT alive_until FROM delivery_node WHERE node_name = ? FOR UPDATE")) {
            ps.setString(1, dead);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && Jdbc.getInstant(rs, "alive_until").isBefore(now);
            }
        }
    }
}
