package org.integrationhub.delivery;

import java.time.Instant;

/**
 * Counters of one subscriber's deliveries.
 *
 * @param pending deliveries waiting or in flight (the queue depth)
 * @param delivered deliveries acknowledged (within the log's retention)
 * @param failed deliveries given up (within the log's retention)
 * @param oldestPendingCreatedAt creation time of the oldest pending delivery; null if none is pending
 * @since 0.1.0
 */
public record DeliveryStats(long pending, long delivered, long failed, Instant oldestPendingCreatedAt) {
}
