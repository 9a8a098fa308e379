package org.integrationhub.security.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.integrationhub.security.HubPrincipal;

/** Short-lived cache of successful key lookups plus the last-used write throttle, both keyed for one node. */
final class AuthenticationCache {

    /** Upper bound on cached entries; the cache is simply cleared when it is reached. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(HubPrincipal principal, long expiresAtMillis) {
    }

    private final Clock clock;
    private final long ttlMillis;
    private final long lastUsedResolutionMillis;
    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private final Map<String, Long> lastRecordedUse = new ConcurrentHashMap<>();
    private final AtomicLong revocations = new AtomicLong();

    AuthenticationCache(Clock clock, int ttlSeconds, int lastUsedResolutionSeconds) {
        this.clock = clock;
        this.ttlMillis = ttlSeconds * 1000L;
        this.lastUsedResolutionMillis = lastUsedResolutionSeconds * 1000L;
    }

    /** @return the cached principal for this key hash, or null if none or expired */
    HubPrincipal get(String hash) {
        Entry entry = byHash.get(hash);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis()) {
            byHash.remove(hash, entry);
            return null;
        }
        return entry.principal();
    }

    /** @return a token to pass to {@link #put}, taken before the database lookup */
    long generation() {
        return revocations.get();
    }

    /**
     * Caches a lookup unless a revocation happened since {@code generation} was taken (the looked-up row may be
     * stale then).
     */
    void put(String hash, HubPrincipal principal, long generation) {
        if (ttlMillis <= 0) {
            return;
        }
        if (byHash.size() >= MAX_ENTRIES) {
            byHash.clear();
        }
        byHash.put(hash, new Entry(principal, clock.millis() + ttlMillis));
        if (revocations.get() != generation) {
            byHash.remove(hash);
        }
    }

    /** Drops every cached lookup of that client at once (after revocation). */
    void forgetClient(String clientId) {
        revocations.incrementAndGet();
        byHash.values().removeIf(e -> e.principal().clientId().equals(clientId));
        lastRecordedUse.remove(clientId);
    }

    /** @return true (at most once per resolution interval per client) when last_used_at should be written now */
    boolean shouldRecordUse(String clientId) {
        long now = clock.millis();
        boolean[] due = {false};
        lastRecordedUse.compute(clientId, (id, last) -> {
            if (last == null || now - last >= lastUsedResolutionMillis) {
                due[0] = true;
                return now;
            }
            return last;
        });
        return due[0];
    }
}
