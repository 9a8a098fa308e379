package org.integrationhub.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The delivery engine's figures for monitoring (the hub's {@code GET /metrics}): the queue of each subscriber kind,
 * across every hub node sharing the database, and the outcomes of the attempts made by this node. Registered by the
 * engine beside {@link DeliveryService}. Thread-safe; both methods are read-only.
 *
 * @since 0.4.0
 */
@ProviderType
public interface DeliveryMetrics {

    /** The outcomes counted by {@link #outcomes()}, in lower case as reported. */
    enum Outcome {
        /** Acknowledged by the subscriber. */
        DELIVERED,
        /** Failed for now; another attempt is scheduled. */
        RETRY,
        /** Failed for good: rejected by the subscriber, or its retries are exhausted. */
        FAILED,
        /** The subscriber is gone for good (e.g. HTTP 410): it is disabled and its pending deliveries fail. */
        DISABLED,
        /** The subscriber was absent (e.g. its connector bundle is being upgraded); checked again later. */
        ABSENT,
        /** The subscriber stayed absent longer than the engine's absence retention: the delivery failed. */
        ABSENT_EXPIRED,
        /**
         * Held back by the hub's own limit for the subscriber (e.g. a connector's rate limit); tried again when the
         * limit allows, not counted as an attempt.
         *
         * @since 0.5.0
         */
        THROTTLED
    }

    /**
     * A subscriber kind's queue.
     *
     * @param pending deliveries waiting or in flight (the queue depth)
     * @param oldestPendingCreatedAt creation time of the oldest of them; null if none is pending
     */
    record Queue(long pending, Instant oldestPendingCreatedAt) {
    }

    /**
     * Reads the pending deliveries of every subscriber kind: one indexed query over the pending rows (cost grows with
     * the backlog, not with the delivery log) plus this node's deliveries in flight.
     *
     * @return the queue of each subscriber kind that has pending deliveries; a kind with none is absent
     */
    Map<String, Queue> queues();

    /**
     * @return per subscriber kind, the number of attempt outcomes this node recorded since the engine started, by
     *         outcome (monotonic counters; kinds never attempted are absent, outcomes never seen are 0)
     */
    Map<String, Map<Outcome, Long>> outcomes();

    /**
     * One minute of the delivery log, over every subscriber of every kind.
     *
     * @param start the minute's first instant
     * @param delivered deliveries acknowledged in that minute (written to the log then)
     * @param failedAttempts attempts made in that minute that failed (retried later, given up, or the subscriber gone)
     * @since 0.5.0
     */
    record Minute(Instant start, long delivered, long failedAttempts) {
    }

    /**
     * Reads the delivery log's last minutes with grouped, indexed queries (cost grows with the deliveries in those
     * minutes, not with the log), for every node of a cluster: what each node wrote to the shared database.
     *
     * @param minutes how many minutes, 1 to 1440, the last one being the current (incomplete) minute
     * @return one entry per minute, oldest first; minutes without deliveries have zeros
     * @throws IllegalArgumentException for a count out of range
     * @since 0.5.0
     */
    List<Minute> perMinute(int minutes);
}
