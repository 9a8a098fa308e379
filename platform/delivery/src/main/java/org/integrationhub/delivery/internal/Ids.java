package org.integrationhub.delivery.internal;

import com.github.f4b6a3.ulid.UlidCreator;

/** Monotonic ULIDs for deliveries, attempts and lease owners. */
final class Ids {

    private Ids() {
    }

    static String next() {
        return UlidCreator.getMonotonicUlid().toString();
    }

    /** @return the smallest ULID of the instant: every id created before it sorts below */
    static String before(java.time.Instant instant) {
        return com.github.f4b6a3.ulid.Ulid.min(instant.toEpochMilli()).toString();
    }
}
