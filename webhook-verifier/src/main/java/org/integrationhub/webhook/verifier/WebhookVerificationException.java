package org.integrationhub.webhook.verifier;

/**
 * A webhook delivery did not verify; answer it with 400 or 401 and do not process it.
 *
 * @since 0.1.0
 */
public class WebhookVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message why it did not verify (safe to log: contains no secret) */
    public WebhookVerificationException(String message) {
        super(message);
    }
}
