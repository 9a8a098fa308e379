package org.integrationhub.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * The classified result of one delivery attempt, as reported by a {@link DeliveryTransport}.
 *
 * @param result what the engine does next
 * @param statusCode the remote status code (e.g. HTTP status), or null if there was none (connection refused, timeout)
 * @param duration how long the attempt took; null if unknown
 * @param error a short human-readable error (no secrets, no credentialed URLs); null on success
 * @param responseExcerpt the first bytes of the response body (the transport bounds its size); may be null
 * @param retryAfter for {@link Result#RETRY} and {@link Result#THROTTLED}: the earliest time the subscriber asked to be called again (e.g. an HTTP
 *        {@code Retry-After}); the engine waits at least this long. Null to use the retry policy's backoff.
 * @since 0.1.0
 */
public record DeliveryOutcome(Result result, Integer statusCode, Duration duration, String error,
        String responseExcerpt, Duration retryAfter) {

    /** What happened, and so what the engine does next. */
    public enum Result {
        /** Acknowledged: the delivery is done. */
        DELIVERED,
        /** Failed for now: retried per the subscriber's {@link RetryPolicy}, then given up. Counts an attempt. */
        RETRY,
        /** Failed for good (e.g. the subscriber rejects this event): not retried. Counts an attempt. */
        FAILED,
        /**
         * The subscriber is gone for good (e.g. HTTP 410): this delivery and every pending delivery of the subscriber
         * fail; the transport is responsible for disabling the subscriber so its source stops returning it.
         */
        DISABLE,
        /**
         * The subscriber cannot be reached right now for a reason that is not its fault (e.g. the connector bundle is
         * being upgraded): retried later without counting an attempt, for at most the engine's configured absence
         * retention, then failed.
         */
        SUBSCRIBER_ABSENT,
        /**
         * Not attempted: the hub's own limit for the subscriber (its rate limit or concurrency limit) says not now.
         * Tried again after {@code retryAfter} without counting an attempt, and never given up for it: a burst larger
         * than the limit drains at the limit's pace instead of using up retries.
         *
         * @since 0.5.0
         */
        THROTTLED
    }

    public DeliveryOutcome {
        Objects.requireNonNull(result, "result");
    }

    /** @return a success with the given status code and duration */
    public static DeliveryOutcome delivered(Integer statusCode, Duration duration, String responseExcerpt) {
        return new DeliveryOutcome(Result.DELIVERED, statusCode, duration, null, responseExcerpt, null);
    }

    /** @return a retryable failure; {@code retryAfter} may be null */
    public static DeliveryOutcome retry(Integer statusCode, Duration duration, String error, String responseExcerpt,
            Duration retryAfter) {
        return new DeliveryOutcome(Result.RETRY, statusCode, duration, error, responseExcerpt, retryAfter);
    }

    /** @return a permanent failure of this delivery */
    public static DeliveryOutcome failed(Integer statusCode, Duration duration, String error, String responseExcerpt) {
        return new DeliveryOutcome(Result.FAILED, statusCode, duration, error, responseExcerpt, null);
    }

    /** @return the subscriber is gone for good */
    public static DeliveryOutcome disable(Integer statusCode, Duration duration, String error, String responseExcerpt) {
        return new DeliveryOutcome(Result.DISABLE, statusCode, duration, error, responseExcerpt, null);
    }

    /**
     * @param reason why (e.g. which limit), shown in the delivery log
     * @param wait when a call may pass the limit again; at least the engine's shortest wait is used
     * @return a delivery held back by the hub's own limit; not counted as an attempt
     * @since 0.5.0
     */
    public static DeliveryOutcome throttled(String reason, Duration wait) {
        return new DeliveryOutcome(Result.THROTTLED, null, null, reason, null, Objects.requireNonNull(wait, "wait"));
    }

    /** @return the subscriber is absent right now; not counted as an attempt */
    public static DeliveryOutcome subscriberAbsent(String reason) {
        return new DeliveryOutcome(Result.SUBSCRIBER_ABSENT, null, null, reason, null, null);
    }
}
