package org.integrationhub.security;

import java.time.Instant;
import java.util.Set;

/**
 * What the hub knows about an API key, without the key itself (which is stored only as a hash).
 *
 * @param id the key's ULID; the {@link HubPrincipal#clientId()} of requests made with it
 * @param name the operator's name for the key
 * @param prefix the first characters of the key (e.g. {@code hub_AbC123xy}), for recognising it in lists
 * @param scopes granted scopes
 * @param rateLimit requests per minute; null = the global default, 0 = unlimited
 * @param createdAt creation time
 * @param lastUsedAt the last successful authentication, to the minute; null if never used
 * @param revokedAt when it was revoked; null while valid
 * @since 0.1.0
 */
public record ApiKeyInfo(String id, String name, String prefix, Set<String> scopes, Integer rateLimit,
        Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    public ApiKeyInfo {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    /** @return whether the key has been revoked */
    public boolean isRevoked() {
        return revokedAt != null;
    }
}
