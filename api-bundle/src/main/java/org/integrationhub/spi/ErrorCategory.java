package org.integrationhub.spi;

/**
 * Why a connector call failed; decides retrying and the HTTP status the gateway answers with.
 *
 * @since 0.1.0
 */
public enum ErrorCategory {
    /** Bad configuration or bad parameters (remote 400/422, unknown action). Not retried; HTTP 400. */
    CONFIGURATION(false),
    /** Credentials refused (remote 401/403). Not retried; HTTP 502. */
    AUTHENTICATION(false),
    /** The remote quota is exhausted (remote 429). Retried after Retry-After; HTTP 429. */
    RATE_LIMITED(true),
    /** Network failure, timeout or remote 5xx. Retried; HTTP 502/504. */
    COMMUNICATION(true),
    /** The remote system refused the request for a business reason. Not retried; HTTP 502. */
    REMOTE(false),
    /** A bug in the connector. Not retried; HTTP 500. */
    INTERNAL(false);

    private final boolean retryable;

    ErrorCategory(boolean retryable) {
        this.retryable = retryable;
    }

    /** @return whether a retry may succeed */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * Maps a remote HTTP status to a category: 400/404/422→CONFIGURATION, 401/403→AUTHENTICATION,
     * 429→RATE_LIMITED, 5xx and 408→COMMUNICATION, anything else→REMOTE.
     *
     * @param status the remote HTTP status
     * @return the category
     */
    public static ErrorCategory fromHttpStatus(int status) {
        if (status == 401 || status == 403) {
            return AUTHENTICATION;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 500 || status == 408) {
            return COMMUNICATION;
        }
        if (status == 400 || status == 404 || status == 422) {
            return CONFIGURATION;
        }
        return REMOTE;
    }
}
