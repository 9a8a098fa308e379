package org.integrationhub.delivery;

import java.time.Instant;

/**
 * One recorded attempt of a delivery.
 *
 * @param id ULID of the attempt
 * @param deliveryId the delivery
 * @param attempt the attempt number within its round (1 = first)
 * @param attemptedAt when it started
 * @param result how it was classified
 * @param statusCode the remote status code, null if none
 * @param durationMillis how long it took, null if unknown
 * @param error the error, null on success
 * @param responseExcerpt the start of the response body, may be null
 * @param nextAttemptAt when the engine scheduled the next attempt after this one; null if none
 * @since 0.1.0
 */
public record DeliveryAttempt(String id, String deliveryId, int attempt, Instant attemptedAt,
        DeliveryOutcome.Result result, Integer statusCode, Long durationMillis, String error, String responseExcerpt,
        Instant nextAttemptAt) {
}
