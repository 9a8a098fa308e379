package org.integrationhub.api;

/**
 * The change is not allowed in the resource's current state, e.g. an illegal status transition.
 *
 * @since 0.1.0
 */
public class ConflictException extends HubException {
    private static final long serialVersionUID = 1L;

    /** @param message why the change conflicts */
    public ConflictException(String message) {
        super(message);
    }
}
