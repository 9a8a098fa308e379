package org.integrationhub.delivery.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine's tunables (from {@link DeliveryEngine.Config}; tests build it directly).
 *
 * @param nodeName this node's stable name: leases it held before a restart are released at start
 * @param requiredKinds subscriber kinds whose {@code SubscriptionSource} must be present before the relay advances
 * @param pollInterval safety-net polling interval (EventAdmin wakes the engine on every committed change)
 * @param lease how long a claimed delivery is reserved for its attempt; after that another claim may retry it
 * @param batchSize deliveries claimed, and outbox events relayed, per transaction
 * @param maxInFlight deliveries being attempted at once on this node
 * @param absentRecheck when to look again at a delivery whose subscriber is absent
 * @param absentRetention how long a delivery waits for an absent subscriber before it fails
 * @param gapTimeout how long an outbox sequence gap (uncommitted or rolled-back insert) is watched
 * @param retention how long completed deliveries and their attempts stay in the log
 */
record Settings(String nodeName, Set<String> requiredKinds, Duration pollInterval, Duration lease, int batchSize,
        int maxInFlight, Duration absentRecheck, Duration absentRetention, Duration gapTimeout, Duration retention) {

    static Settings defaults(String nodeName) {
        return new Settings(nodeName, Set.of(), Duration.ofSeconds(1), Duration.ofMinutes(2), 100, 256,
                Duration.ofSeconds(10), Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofDays(30));
    }

    Settings withRequiredKinds(Set<String> kinds) {
        return new Settings(nodeName, Set.copyOf(kinds), pollInterval, lease, batchSize, maxInFlight, absentRecheck,
                absentRetention, gapTimeout, retention);
    }

    Settings withLease(Duration value) {
        return new Settings(nodeName, requiredKinds, pollInterval, value, batchSize, maxInFlight, absentRecheck,
                absentRetention, gapTimeout, retention);
    }

    Settings withAbsence(Duration recheck, Duration retentionOfAbsent) {
        return new Settings(nodeName, requiredKinds, pollInterval, lease, batchSize, maxInFlight, recheck,
                retentionOfAbsent, gapTimeout, retention);
    }

    Settings withRetention(Duration value) {
        return new Settings(nodeName, requiredKinds, pollInterval, lease, batchSize, maxInFlight, absentRecheck,
                absentRetention, gapTimeout, value);
    }

    /** @return the settings this configuration describes */
    static Settings of(EngineConfig c, String defaultNodeName) {
        Set<String> kinds = Arrays.stream(c.requiredKinds()).map(String::trim).filter(k -> !k.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new Settings(c.nodeName().isBlank() ? defaultNodeName : c.nodeName().trim(), kinds,
                Duration.ofMillis(c.pollIntervalMillis()), Duration.ofSeconds(c.leaseSeconds()), c.batchSize(),
                c.maxInFlight(), Duration.ofSeconds(c.absentRecheckSeconds()),
                Duration.ofHours(c.absentRetentionHours()), Duration.ofMinutes(1), Duration.ofDays(c.retentionDays()));
    }
}
