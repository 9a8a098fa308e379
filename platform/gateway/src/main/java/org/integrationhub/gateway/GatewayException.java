package org.integrationhub.gateway;

import java.time.Duration;

import org.integrationhub.spi.ErrorCategory;

/**
 * Why a gateway call failed, with the HTTP status the REST API answers with (CONTRACT.md "Integrations").
 *
 * @since 0.1.0
 */
public class GatewayException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The failure classes and their HTTP status. */
    public enum Reason {
        /** No instance of that name: 404. */
        UNKNOWN_INTEGRATION(404),
        /** The instance offers no such action: 404. */
        UNKNOWN_ACTION(404),
        /** Required parameters missing: 422. */
        INVALID_PARAMETERS(422),
        /** The instance is configured but its connector is not registered (bundle absent or stopped): 503. */
        UNAVAILABLE(503),
        /** The gateway's rate limiter (vendor quota) or the remote's 429: 429 with Retry-After. */
        RATE_LIMITED(429),
        /** The circuit breaker is open: 503 with Retry-After. */
        CIRCUIT_OPEN(503),
        /** Too many concurrent calls to the instance: 503. */
        BULKHEAD_FULL(503),
        /** The call exceeded the instance's time limit: 504. */
        TIMEOUT(504),
        /** The connector rejected the parameters or is misconfigured ({@link ErrorCategory#CONFIGURATION}): 400. */
        BAD_REQUEST(400),
        /** The remote system failed (communication, authentication, business refusal): 502. */
        REMOTE_FAILURE(502),
        /** A bug in the connector: 500. */
        INTERNAL(500);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** @return the HTTP status for this reason */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;
    private final ErrorCategory category;
    private final Duration retryAfter;

    /**
     * @param reason the failure class
     * @param message one sentence for the caller; never a secret
     * @param category the connector's category, or null for the gateway's own refusals
     * @param retryAfter when a retry may succeed, or null
     * @param cause the underlying exception, or null
     */
    public GatewayException(Reason reason, String message, ErrorCategory category, Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.category = category;
        this.retryAfter = retryAfter;
    }

    /** @param reason the failure class @param message one sentence for the caller */
    public GatewayException(Reason reason, String message) {
        this(reason, message, null, null, null);
    }

    /** @return the failure class */
    public Reason reason() {
        return reason;
    }

    /** @return the HTTP status of the reason */
    public int httpStatus() {
        return reason.httpStatus();
    }

    /** @return the connector's error category, or null */
    public ErrorCategory category() {
        return category;
    }

    /** @return when a retry may succeed, or null */
    public Duration retryAfter() {
        return retryAfter;
    }
}
