package org.integrationhub.api;

/**
 * The addressed ticket (or other resource) does not exist.
 *
 * @since 0.1.0
 */
public class NotFoundException extends HubException {
    private static final long serialVersionUID = 1L;

    /** @param message what was not found */
    public NotFoundException(String message) {
        super(message);
    }
}
