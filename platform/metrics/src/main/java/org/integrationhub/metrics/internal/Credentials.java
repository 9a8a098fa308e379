package org.integrationhub.metrics.internal;

import java.util.List;
import java.util.Optional;

import org.integrationhub.security.HubPrincipal;
import org.integrationhub.security.Scopes;
import org.integrationhub.rest.spi.TokenAuthenticator;

/**
 * Checks the credential of a scrape as the REST API does: {@code X-API-Key: <key>} or {@code Authorization: Bearer
 * <token>} (an API key or an OAuth2 access token of the hub), asked of the API keys first and then of every
 * registered {@link TokenAuthenticator}; the principal needs the scope {@link #SCOPE}.
 */
final class Credentials {

    /** The scope a scrape needs (or {@code admin}). */
    static final String SCOPE = Scopes.METRICS_READ;
    static final String REALM = "integration-hub";
    private static final String BEARER = "bearer ";
    private static final int MAX_TOKEN_LENGTH = 8192;

    /** The verdict on a request: its principal, or the problem to answer. */
    record Verdict(HubPrincipal principal, int status, String detail, String challenge) {
        boolean allowed() {
            return principal != null;
        }
    }

    private Credentials() {
    }

    /**
     * @param apiKey the {@code X-API-Key} header, or null
     * @param authorization the {@code Authorization} header, or null
     * @param authenticators asked in order
     */
    static Verdict check(String apiKey, String authorization, List<TokenAuthenticator> authenticators) {
        String bearer = null;
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            bearer = authorization.substring(BEARER.length()).trim();
        }
        if (apiKey != null && bearer != null) {
            return new Verdict(null, 400, "Send one credential: X-API-Key or Authorization: Bearer, not both",
                    challenge("invalid_request"));
        }
        String token = apiKey != null ? apiKey.trim() : bearer;
        if (token == null) {
            return new Verdict(null, 401, "Authentication required: send X-API-Key or Authorization: Bearer",
                    challenge(null));
        }
        Optional<HubPrincipal> principal = Optional.empty();
        if (!token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH) {
            for (TokenAuthenticator a : authenticators) {
                principal = a.authenticate(token);
                if (principal.isPresent()) {
                    break;
                }
            }
        }
        if (principal.isEmpty()) {
            return new Verdict(null, 401, "The credential is invalid, expired or revoked", challenge("invalid_token"));
        }
        if (!principal.get().hasScope(SCOPE)) {
            return new Verdict(null, 403, "Scraping the metrics requires the scope " + SCOPE,
                    "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + SCOPE + "\"");
        }
        return new Verdict(principal.get(), 200, null, null);
    }

    private static String challenge(String error) {
        return error == null ? "Bearer realm=\"" + REALM + "\""
                : "Bearer realm=\"" + REALM + "\", error=\"" + error + "\"";
    }
}
