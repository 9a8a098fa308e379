package org.integrationhub.security.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntSupplier;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.persistence.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many hub nodes share this node's database right now: each node holds a lease of its own,
 * {@code hub-node/<installation id>} in {@code hub_lease}, renewed at every {@link #beat()}, and counts the unexpired
 * ones. A node that stops cleanly releases its leases; one that dies drops out of the count when its lease runs out
 * ({@link #TTL}). The lease is named after the installation (host and data folder), not after one run of it: a node
 * restarted after a crash finds its former self's lease, still unexpired, and counts it once (it takes the lease over
 * when it expires) — it is not counted twice, which would halve its rate limits. The count is at least 1 and, until
 * the first beat, 1. Thread-safe.
 */
final class LiveNodes implements IntSupplier {

    static final String PREFIX = "hub-node/";
    static final Duration TTL = Duration.ofSeconds(30);
    /** How often {@link #beat()} should run: three beats per ttl. */
    static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String COUNT = "SELECT COUNT(*) FROM hub_lease WHERE name LIKE ? AND lease_until > ?";
    private static final String FORGET = "DELETE FROM hub_lease WHERE name LIKE ? AND lease_until < ?";
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final Logger logger = LoggerFactory.getLogger(LiveNodes.class);
    private final Leases leases;
    private final Database database;
    private final Clock clock;
    private final String name;
    private volatile int count = 1;

    /** @param installation this installation's stable id ({@link #installation()}) */
    LiveNodes(Leases leases, Database database, Clock clock, String installation) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        String id = Objects.requireNonNull(installation, "installation");
        if (PREFIX.length() + id.length() > Leases.MAX_NAME_LENGTH) {
            id = Integer.toHexString(id.hashCode()) + "-" + id.substring(id.length() - 100);
        }
        this.name = PREFIX + id;
    }

    /** @return this hub installation's stable id: host name and a hash of its data folder (distinct per node) */
    static String installation() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + ":" + Integer.toHexString(System.getProperty("karaf.data", "").hashCode());
    }

    /** Renews this node's lease and counts the live nodes; leases of nodes gone for a day are deleted. */
    void beat() {
        leases.acquire(name, TTL);
        int live = database.inTransaction(c -> {
            try (PreparedStatement forget = c.prepareStatement(FORGET)) {
                forget.setString(1, PREFIX + "%");
                Jdbc.setInstant(forget, 2, clock.instant().minus(KEEP_EXPIRED));
                forget.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(COUNT)) {
                ps.setString(1, PREFIX + "%");
                Jdbc.setInstant(ps, 2, clock.instant());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        int now = Math.max(1, live);
        if (now != count) {
            logger.info("{} hub node(s) share the database: each allows 1/{} of every client's rate limit", now, now);
        }
        count = now;
    }

    /** Beats, logging instead of throwing (the last count stays) when the database cannot be reached. */
    void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            logger.warn("Could not count the live hub nodes; keeping {}: {}", count, e.toString());
        }
    }

    /** Gives this node's lease up (a clean stop): the others count one node less at their next beat. */
    void leave() {
        try {
            leases.release(name);
        } catch (RuntimeException e) {
            logger.debug("Could not release {}: {}", name, e.toString());
        }
    }

    /** @return this node's lease name */
    String leaseName() {
        return name;
    }

    /** @return the live nodes at the last beat, at least 1 */
    @Override
    public int getAsInt() {
        return count;
    }
}
