package org.integrationhub.security;

/**
 * The outcome of {@link RateLimitService#tryAcquire}: whether the request may proceed, and the figures for the
 * {@code RateLimit-*} and {@code Retry-After} response headers.
 *
 * @param allowed whether the request may proceed (a permit was taken)
 * @param limit requests per window; 0 when the client is unlimited
 * @param remaining requests left in the current window after this one
 * @param resetSeconds seconds until the current window ends
 * @param retryAfterSeconds when denied, seconds until a request will be allowed again (at least 1); 0 when allowed
 * @since 0.1.0
 */
public record RateLimitDecision(boolean allowed, int limit, int remaining, long resetSeconds,
        long retryAfterSeconds) {

    private static final RateLimitDecision UNLIMITED = new RateLimitDecision(true, 0, 0, 0, 0);

    /** @return the decision for a client without a limit */
    public static RateLimitDecision unlimited() {
        return UNLIMITED;
    }

    /** @return whether the client is not limited at all (no headers to send) */
    public boolean isUnlimited() {
        return limit == 0;
    }
}
