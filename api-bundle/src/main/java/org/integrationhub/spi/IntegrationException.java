package org.integrationhub.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A classified connector failure.
 *
 * @since 0.1.0
 */
public class IntegrationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;
    private final Duration retryAfter;

    /**
     * @param category why it failed
     * @param message what failed; must not contain secrets
     * @param cause the underlying exception; may be null
     */
    public IntegrationException(ErrorCategory category, String message, Throwable cause) {
        this(category, message, cause, null);
    }

    /**
     * @param category why it failed
     * @param message what failed; must not contain secrets
     * @param cause the underlying exception; may be null
     * @param retryAfter how long the remote asked us to wait (its Retry-After); may be null
     */
    public IntegrationException(ErrorCategory category, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
        this.retryAfter = retryAfter;
    }

    /** @return the category */
    public ErrorCategory category() {
        return category;
    }

    /** @return the wait the remote asked for, or null */
    public Duration retryAfter() {
        return retryAfter;
    }
}
