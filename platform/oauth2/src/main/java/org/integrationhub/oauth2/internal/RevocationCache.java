package org.integrationhub.oauth2.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.oauth2.internal.store.RevokedTokenStore;

/**
 * Whether an access token (by jti) is revoked, asking the database at most once per jti every few seconds: a
 * revocation on this node counts at once, one on another node sharing the database within {@link #TTL_NANOS}.
 *
 * <p>Thread-safe.
 */
public final class RevocationCache {

    static final long TTL_NANOS = 5_000_000_000L;
    private static final int MAX_ENTRIES = 100_000;

    private final RevokedTokenStore store;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public RevocationCache(RevokedTokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public boolean isRevoked(String jti) {
        long now = System.nanoTime();
        Entry e = entries.get(jti);
        if (e != null && (e.revoked || now - e.checkedAt < TTL_NANOS)) {
            return e.revoked;
        }
        boolean revoked = store.isRevoked(jti);
        if (entries.size() >= MAX_ENTRIES) {
            evictStale();
        }
        entries.put(jti, new Entry(revoked, now));
        return revoked;
    }

    /** Revokes the token (until it expires anyway). */
    public void revoke(String jti, Instant expiresAt) {
        store.revoke(jti, expiresAt, clock.instant());
        entries.put(jti, new Entry(true, System.nanoTime()));
    }

    /** Forgets every cached "not revoked" answer: after revocations in bulk (a refresh token family). */
    public void forgetUnrevoked() {
        entries.values().removeIf(e -> !e.revoked);
    }

    /** Forgets the cached answers older than the TTL (revoked ones too: the database keeps them). */
    public void evictStale() {
        long now = System.nanoTime();
        entries.values().removeIf(e -> now - e.checkedAt >= TTL_NANOS);
    }

    private record Entry(boolean revoked, long checkedAt) {
    }
}
