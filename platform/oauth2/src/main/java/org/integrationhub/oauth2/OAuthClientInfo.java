package org.integrationhub.oauth2;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A registered OAuth2 client without its secret.
 *
 * @param id the client_id
 * @param name the operator's name for it
 * @param publicClient true for a public client (no secret, PKCE), false for a confidential one
 * @param grantTypes allowed grant types
 * @param redirectUris registered redirect URIs
 * @param scopes scopes it may obtain
 * @param createdAt registration time
 * @param revokedAt when it was revoked; null while active
 * @since 0.1.0
 */
public record OAuthClientInfo(String id, String name, boolean publicClient, Set<String> grantTypes,
        List<String> redirectUris, Set<String> scopes, Instant createdAt, Instant revokedAt) {
    public OAuthClientInfo {
        grantTypes = grantTypes == null ? Set.of() : Set.copyOf(grantTypes);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    /** @return whether the client has been revoked */
    public boolean isRevoked() {
        return revokedAt != null;
    }
}
