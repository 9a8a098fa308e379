package org.integrationhub.persistence.internal;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.persistence.Leases;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Leases} on table {@code hub_lease}. Taking or renewing is one conditional {@code UPDATE}: the row lock it
 * takes makes a concurrent {@code UPDATE} of another node wait and then re-check its condition against the new
 * row, so at most one node moves a lease to itself (READ COMMITTED on PostgreSQL and H2). A lease that has no row
 * yet is created by an {@code INSERT} that the primary key lets only one node win ({@code ON CONFLICT DO NOTHING} on
 * PostgreSQL, a caught duplicate-key error on H2, where a failed statement does not spoil the transaction). Each
 * statement runs in its own short transaction, so no lock is held between them.
 *
 * <p>On deactivation (a clean stop of the node) the leases of this node are released, so another node takes over
 * at its next attempt rather than after the ttl.
 */
@Component(service = Leases.class)
public class LeasesImpl implements Leases {

    private static final String TAKE_OR_RENEW = "UPDATE hub_lease SET owner = ?, lease_until = ?,"
            + " acquired_at = CASE WHEN owner = ? THEN acquired_at ELSE ? END"
            + " WHERE name = ? AND (owner = ? OR lease_until <= ?)";
    private static final String CREATE = "INSERT INTO hub_lease (name, owner, lease_until, acquired_at)"
            + " VALUES (?, ?, ?, ?)";
    private static final String RELEASE = "DELETE FROM hub_lease WHERE name = ? AND owner = ?";
    private static final String RELEASE_ALL = "DELETE FROM hub_lease WHERE owner = ?";

    private final Logger logger = LoggerFactory.getLogger(LeasesImpl.class);
    private final Database database;
    private final Clock clock;
    private final String owner;

    /** @param database the hub's database */
    @Activate
    public LeasesImpl(@Reference Database database) {
        this(database, Clock.systemUTC(), nodeName() + "/" + ulid(Clock.systemUTC().millis(), new SecureRandom()));
        logger.info("Cluster leases on the hub database; this node's owner id is {}", owner);
    }

    LeasesImpl(Database database, Clock clock, String owner) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (owner == null || owner.isBlank() || owner.length() > 200) {
            throw new IllegalArgumentException("owner must be 1 to 200 characters");
        }
        this.owner = owner;
    }

    @Override
    public boolean acquire(String name, Duration ttl) {
        checkName(name);
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lease ttl must be at least one second, was " + ttl);
        }
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        if (takeOrRenew(name, now, until) || create(name, now, until)) {
            return true;
        }
        // the INSERT lost: another node, or another thread of this node, created the row since the UPDATE
        return takeOrRenew(name, now, until);
    }

    @Override
    public void release(String name) {
        checkName(name);
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                ps.setString(1, name);
                ps.setString(2, owner);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public String owner() {
        return owner;
    }

    @Deactivate
    void deactivate() {
        try {
            int released = database.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(RELEASE_ALL)) {
                    ps.setString(1, owner);
                    return ps.executeUpdate();
                }
            });
            if (released > 0) {
                logger.info("Released {} cluster lease(s) of {} on stop", released, owner);
            }
        } catch (RuntimeException e) {
            logger.warn("Could not release the leases of {} on stop (they expire by themselves): {}", owner,
                    e.getMessage());
        }
    }

    private boolean takeOrRenew(String name, Instant now, Instant until) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(TAKE_OR_RENEW)) {
                ps.setString(1, owner);
                Jdbc.setInstant(ps, 2, until);
                ps.setString(3, owner);
                Jdbc.setInstant(ps, 4, now);
                ps.setString(5, name);
                ps.setString(6, owner);
                Jdbc.setInstant(ps, 7, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private boolean create(String name, Instant now, Instant until) {
        boolean postgres = database.dialect() == Database.Dialect.POSTGRESQL;
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(postgres ? CREATE + " ON CONFLICT (name) DO NOTHING"
                    : CREATE)) {
                ps.setString(1, name);
                ps.setString(2, owner);
                Jdbc.setInstant(ps, 3, until);
                Jdbc.setInstant(ps, 4, now);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (!postgres && Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("lease name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** The Karaf instance name or the host name, for an owner id an operator recognises in {@code hub_lease}. */
    private static String nodeName() {
        String karaf = System.getProperty("karaf.name");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = "localhost";
        }
        String name = karaf == null || karaf.isBlank() || "root".equals(karaf) ? host : host + ":" + karaf;
        return name.length() > 150 ? name.substring(0, 150) : name;
    }

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    /** A ULID (48-bit milliseconds, 80 random bits, Crockford base32) without a library. */
    static String ulid(long millis, SecureRandom random) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = hi << 8 | (bytes[i] & 0xFF);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = lo << 8 | (bytes[i] & 0xFF);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = CROCKFORD[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = CROCKFORD[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }
}
