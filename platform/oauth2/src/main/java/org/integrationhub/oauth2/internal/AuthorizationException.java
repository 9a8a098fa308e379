package org.integrationhub.oauth2.internal;

/**
 * A failed authorization request. With a redirect URI, the error goes back to the client (RFC 6749 §4.1.2.1);
 * without one (unknown client, unregistered redirect URI) it is shown to the user and never redirected.
 */
public final class AuthorizationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final String redirectUri;
    private final String state;

    private AuthorizationException(String error, String description, String redirectUri, String state) {
        super(description, null, false, false);
        this.error = error;
        this.redirectUri = redirectUri;
        this.state = state;
    }

    /** An error shown on a 400 page: the client or its redirect URI cannot be trusted. */
    public static AuthorizationException page(String description) {
        return new AuthorizationException("invalid_request", description, null, null);
    }

    /** An error redirected to the (verified) redirect URI. */
    public static AuthorizationException redirect(String error, String description, String redirectUri, String state) {
        return new AuthorizationException(error, description, redirectUri, state);
    }

    public String error() {
        return error;
    }

    /** @return the verified redirect URI, or null if the error must not be redirected */
    public String redirectUri() {
        return redirectUri;
    }

    public String state() {
        return state;
    }
}
