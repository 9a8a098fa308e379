package org.integrationhub.delivery;

/**
 * The state of a delivery.
 *
 * @since 0.1.0
 */
public enum DeliveryStatus {
    /** Waiting for its first attempt or a retry (or being attempted right now). */
    PENDING,
    /** Acknowledged by the subscriber. */
    DELIVERED,
    /** Given up: retries exhausted, rejected for good, subscriber disabled or removed. Can be redelivered. */
    FAILED
}
