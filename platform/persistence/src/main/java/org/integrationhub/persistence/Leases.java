package org.integrationhub.persistence;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Named, time-limited leases shared by every hub node on the same database (table {@code hub_lease}): periodic
 * work that one node of a cluster must do alone takes the lease each time before it runs and goes on only when it
 * holds it. The holder keeps the lease by renewing it before the ttl runs out; another node gets it only after the
 * ttl has passed without a renewal, so a node that dies hands over within one ttl.
 *
 * <p>A node is identified by an id made when this service starts (the node name plus a ULID), so a restarted node
 * is a new owner: it waits like any other node until the lease of its former self has expired.
 *
 * <p>Expiry compares instants taken from the nodes' own clocks: the clocks of the nodes must agree to well within
 * the shortest ttl in use (NTP does). Thread-safe.
 *
 * @since 0.2.0
 */
@ProviderType
public interface Leases {

    /** The longest lease name. */
    int MAX_NAME_LENGTH = 200;

    /**
     * Takes the lease if it is free or expired, renews it if this node holds it, and otherwise leaves it alone; in
     * one atomic step against every other node.
     *
     * @param name the lease's name, 1 to {@value #MAX_NAME_LENGTH} characters (e.g. {@code "datadog-prod/report"})
     * @param ttl how long the lease holds without renewal; at least one second
     * @return true when this node holds the lease until {@code ttl} from now, false when another node holds it
     * @throws IllegalArgumentException for a blank or over-long name or a ttl under one second
     * @throws DataAccessException when the database cannot be reached
     */
    boolean acquire(String name, Duration ttl);

    /**
     * Gives the lease up at once if this node holds it, so another node may take it without waiting for the ttl
     * (e.g. when the work is stopped); does nothing otherwise.
     *
     * @param name the lease's name
     * @throws DataAccessException when the database cannot be reached
     */
    void release(String name);

    /** @return this node's owner id, as stored in {@code hub_lease.owner} */
    String owner();
}
