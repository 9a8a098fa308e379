package org.integrationhub.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.api.ValidationException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates, lists, revokes and checks API keys. Keys are stored only as a hash; the plaintext is returned once,
 * by {@link #create}.
 *
 * <p>Thread-safe. A revoked key stops authenticating at once on this node (and within a few seconds on other
 * nodes sharing the database).
 *
 * @since 0.1.0
 */
@ProviderType
public interface ApiKeyService {

    /**
     * Creates a key.
     *
     * @param name operator's name for it; 1 to 100 characters, not blank
     * @param scopes granted scopes, at least one, each from {@link Scopes#ALL}
     * @param rateLimit requests per minute: null for the global default, 0 for unlimited, otherwise positive
     * @return the plaintext key (shown once) and its info
     * @throws ValidationException for a blank name, an unknown or missing scope or a negative rate limit
     */
    CreatedApiKey create(String name, Set<String> scopes, Integer rateLimit);

    /** @return every key, revoked ones included, oldest first */
    List<ApiKeyInfo> list();

    /**
     * Revokes a key; it never authenticates again.
     *
     * @param id the key's id; any string
     * @return true if a valid key was revoked, false if none with that id exists or it was revoked already
     */
    boolean revoke(String id);

    /**
     * Checks a key presented by a caller.
     *
     * @param presentedKey what the caller sent (may be null or garbage)
     * @return the principal of a valid, unrevoked key; empty otherwise
     */
    Optional<HubPrincipal> authenticate(String presentedKey);
}
