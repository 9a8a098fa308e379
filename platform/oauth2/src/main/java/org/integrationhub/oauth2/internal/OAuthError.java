package org.integrationhub.oauth2.internal;

/**
 * An OAuth2 error response (RFC 6749 §5.2 at the token endpoint, §4.1.2.1 in authorization responses, RFC 7009 /
 * RFC 7662 at revocation and introspection): the error code, a human-readable description and the HTTP status.
 */
public final class OAuthError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final int status;

    public OAuthError(String error, String description, int status) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, 400);
    }

    public static OAuthError invalidClient(String description) {
        return new OAuthError("invalid_client", description, 401);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError("invalid_grant", description, 400);
    }

    public static OAuthError unauthorizedClient(String description) {
        return new OAuthError("unauthorized_client", description, 400);
    }

    public static OAuthError unsupportedGrantType(String description) {
        return new OAuthError("unsupported_grant_type", description, 400);
    }

    public static OAuthError invalidScope(String description) {
        return new OAuthError("invalid_scope", description, 400);
    }

    /** @return the RFC 6749 error code, e.g. {@code invalid_grant} */
    public String error() {
        return error;
    }

    /** @return the HTTP status to answer with */
    public int status() {
        return status;
    }

    /** @return the error_description */
    public String description() {
        return getMessage();
    }
}
