package org.integrationhub.delivery.internal.shared;

import java.time.Duration;
import java.util.Set;

/**
 * The engine's tunables (the engine reads them from its {@code EngineConfig}; tests build them directly).
 *
 * @param nodeName this node's stable name: leases it held before a restart are released at start
 * @param requiredKinds subscriber kinds whose {@code SubscriptionSource} must be present before the relay advances
 * @param pollInterval safety-net polling interval (EventAdmin wakes the engine on every committed change)
 * @param lease how long a claimed delivery is reserved for its attempt; after that another claim may retry it
 * @param batchSize deliveries claimed, and outbox events relayed, per transaction
 * @param maxInFlight deliveries being attempted at once on this node
 * @param stallInFlight with {@code stallTime}: a subscriber holding at least this many deliveries in flight on this
 *        node that gets no outcome for {@code stallTime} is stalled (a receiver that hangs until its timeout): what it
 *        holds stops counting against {@code maxInFlight}, and its deliveries wait for the claim path, which skips it
 *        until it answers again
 * @param stallTime see {@code stallInFlight}
 * @param absentRecheck when to look again at a delivery whose subscriber is absent
 * @param absentRetention how long a delivery waits for an absent subscriber before it fails
 * @param gapTimeout how long an outbox sequence gap (uncommitted or rolled-back insert) is watched
 * @param retention how long completed deliveries and their attempts stay in the log
 * @param directDispatch whether the relay leases new deliveries to this node and sends them at once (the
 *        direct lane) instead of leaving every first attempt to the claim path
 */
public record Settings(String nodeName, Set<String> requiredKinds, Duration pollInterval, Duration lease, int batchSize,
        int maxInFlight, int stallInFlight, Duration stallTime, Duration absentRecheck, Duration absentRetention,
        Duration gapTimeout, Duration retention, boolean directDispatch) {

    /** The longest node timeout: a node that dies holds up the relay, and its claims, for at most this long. */
    public static final Duration MAX_NODE_TIMEOUT = Duration.ofSeconds(15);

    /**
     * @return how long a node that stopped renewing (its relay lease, its {@code delivery_node} row) is still taken
     *         for alive: the lease, at most {@link #MAX_NODE_TIMEOUT}
     */
    public Duration nodeTimeout() {
        return lease.compareTo(MAX_NODE_TIMEOUT) < 0 ? lease : MAX_NODE_TIMEOUT;
    }

    public static Settings defaults(String nodeName) {
        return new Settings(nodeName, Set.of(), Duration.ofSeconds(1), Duration.ofMinutes(2), 200, 256, 64,
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofDays(7), Duration.ofMinutes(1),
                Duration.ofDays(30), true);
    }

    public Settings withRequiredKinds(Set<String> kinds) {
        return new Settings(nodeName, Set.copyOf(kinds), pollInterval, lease, batchSize, maxInFlight, stallInFlight,
                stallTime, absentRecheck, absentRetention, gapTimeout, retention, directDispatch);
    }

    public Settings withLease(Duration value) {
        return new Settings(nodeName, requiredKinds, pollInterval, value, batchSize, maxInFlight, stallInFlight,
                stallTime, absentRecheck, absentRetention, gapTimeout, retention, directDispatch);
    }

    public Settings withInFlight(int max, int stalledAt, Duration stalledAfter) {
        return new Settings(nodeName, requiredKinds, pollInterval, lease, batchSize, max, stalledAt, stalledAfter,
                absentRecheck, absentRetention, gapTimeout, retention, directDispatch);
    }

    public Settings withAbsence(Duration recheck, Duration retentionOfAbsent) {
        return new Settings(nodeName, requiredKinds, pollInterval, lease, batchSize, maxInFlight, stallInFlight,
                stallTime, recheck, retentionOfAbsent, gapTimeout, retention, directDispatch);
    }

    public Settings withRetention(Duration value) {
        return new Settings(nodeName, requiredKinds, pollInterval, lease, batchSize, maxInFlight, stallInFlight,
                stallTime, absentRecheck, absentRetention, gapTimeout, value, directDispatch);
    }

    public Settings withDirectDispatch(boolean value) {
        return new Settings(nodeName, requiredKinds, pollInterval, lease, batchSize, maxInFlight, stallInFlight,
                stallTime, absentRecheck, absentRetention, gapTimeout, retention, value);
    }
}
