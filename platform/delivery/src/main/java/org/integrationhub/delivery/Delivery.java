package org.integrationhub.delivery;

import java.time.Instant;

/**
 * One event for one subscriber, as kept in the delivery log.
 *
 * @param id ULID of the delivery
 * @param kind the subscriber kind
 * @param subscriberId the subscriber
 * @param eventId the event (= the message id sent to the subscriber)
 * @param eventType the event's wire name, e.g. {@code ticket.created}
 * @param eventSequence the event's outbox sequence
 * @param ticketId the ticket the event is about
 * @param status the state
 * @param attempts attempts made in the current round (reset by redeliver)
 * @param nextAttemptAt when the next attempt is due (PENDING only; null otherwise)
 * @param lastAttemptAt when it was last attempted; null if never
 * @param lastStatusCode status code of the last attempt; null if none
 * @param lastError error of the last attempt; null if none
 * @param createdAt when the delivery was created
 * @param completedAt when it became DELIVERED or FAILED; null while PENDING
 * @since 0.1.0
 */
public record Delivery(String id, String kind, String subscriberId, String eventId, String eventType,
        long eventSequence, String ticketId, DeliveryStatus status, int attempts, Instant nextAttemptAt,
        Instant lastAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt, Instant completedAt) {
}
