package org.integrationhub.api;

/**
 * Base of the expected failures of the helpdesk services. Each subclass maps to one HTTP status.
 *
 * @since 0.1.0
 */
public class HubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, safe to show to a caller */
    public HubException(String message) {
        super(message);
    }
}
