package org.integrationhub.security;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller of the hub.
 *
 * @param clientId the stable id of the client: the API key's id, or the OAuth2 client id; the rate-limit key
 * @param name a display name (API key name or OAuth client name); never logged with secrets
 * @param kind how the caller authenticated
 * @param scopes granted scopes; never null
 * @param rateLimitPerMinute requests per minute for this client; null means the global default, 0 unlimited
 * @since 0.1.0
 */
public record HubPrincipal(String clientId, String name, Kind kind, Set<String> scopes, Integer rateLimitPerMinute) {

    /** How a principal authenticated. */
    public enum Kind {
        /** An API key created by an operator ({@code hub:apikey-create}). */
        API_KEY,
        /** An OAuth2 client holding an access token issued by the hub. */
        OAUTH_CLIENT
    }

    public HubPrincipal {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(kind, "kind");
        name = name == null ? "" : name;
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        if (rateLimitPerMinute != null && rateLimitPerMinute < 0) {
            throw new IllegalArgumentException("rateLimitPerMinute must be null, 0 (unlimited) or positive");
        }
    }

    /**
     * @param scope the scope an operation needs
     * @return whether this principal holds it, directly or through {@link Scopes#ADMIN}
     */
    public boolean hasScope(String scope) {
        return Scopes.implies(scopes, scope);
    }
}
