package org.integrationhub.oauth2.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.oauth2.internal.store.ClientStore;
import org.integrationhub.security.Scopes;

/**
 * Registers, lists, revokes OAuth2 clients and checks their credentials. Secrets are 256 random bits, shown once,
 * stored as SHA-256 (see docs/oauth2.md for why a fast hash is right here). Lookups are cached for a few seconds;
 * a revocation on this node takes effect at once.
 *
 * <p>Thread-safe.
 */
public final class ClientRegistry {

    static final String ID_PREFIX = "hubc_";
    private static final long CACHE_NANOS = 5_000_000_000L;

    private final ClientStore store;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ClientRegistry(ClientStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @return the new client and, for a confidential client, its secret (the only time it is available)
     * @throws ValidationException naming every invalid argument
     */
    public Created create(String name, Set<String> grants, List<String> redirectUris, Set<String> scopes,
            boolean publicClient) {
        List<FieldError> errors = new ArrayList<>();
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            errors.add(new FieldError("name", "must be 1 to 100 characters"));
        }
        ClientValidation.grants(grants, publicClient, redirectUris, errors);
        Set<String> uris = new LinkedHashSet<>();
        for (String uri : redirectUris == null ? List.<String>of() : redirectUris) {
            ClientValidation.redirectUri(uri, errors);
            uris.add(uri);
        }
        Set<String> validScopes = Set.of();
        try {
            validScopes = Scopes.validate(scopes, "scope");
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (validScopes.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("scope"))) {
            errors.add(new FieldError("scope", "at least one scope is required: " + String.join(" ", Scopes.ALL)));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String secret = publicClient ? null : Secrets.newToken();
        OAuthClient client = new OAuthClient(ID_PREFIX + Secrets.newToken().substring(0, 22), trimmed,
                secret == null ? null : Secrets.sha256Hex(secret), publicClient, grants, List.copyOf(uris),
                validScopes, clock.instant(), null);
        store.insert(client);
        return new Created(client, secret);
    }

    public List<OAuthClient> list() {
        return store.list();
    }

    /** @return the client, revoked or not (cached for a few seconds) */
    public Optional<OAuthClient> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 40) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Cached c = cache.get(id);
        if (c != null && now - c.loadedAt < CACHE_NANOS) {
            return c.client;
        }
        Optional<OAuthClient> client = store.find(id);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(id, new Cached(client, now));
        return client;
    }

    /** @return the active client with that id, if any */
    public Optional<OAuthClient> findActive(String id) {
        return find(id).filter(c -> !c.isRevoked());
    }

    /**
     * Checks a confidential client's secret.
     *
     * @return the active confidential client whose secret it is; empty for a wrong id or secret
     */
    public Optional<OAuthClient> authenticate(String id, String secret) {
        return findActive(id).filter(c -> !c.publicClient() && secret != null
                && Secrets.constantTimeEquals(c.secretHash(), Secrets.sha256Hex(secret)));
    }

    /** @return true if an active client was revoked */
    public boolean revoke(String id) {
        boolean revoked = store.revoke(id, clock.instant());
        cache.remove(id);
        return revoked;
    }

    /** @return the new secret; empty if no active confidential client has that id */
    public Optional<String> rotateSecret(String id) {
        String secret = Secrets.newToken();
        boolean done = store.replaceSecret(id, Secrets.sha256Hex(secret));
        cache.remove(id);
        return done ? Optional.of(secret) : Optional.empty();
    }

    Instant now() {
        return clock.instant();
    }

    /** A newly registered client; {@link #toString()} hides the secret. */
    public record Created(OAuthClient client, String secret) {
        @Override
        public String toString() {
            return "Created[" + client.id() + ", secret=***]";
        }
    }

    private record Cached(Optional<OAuthClient> client, long loadedAt) {
    }
}
