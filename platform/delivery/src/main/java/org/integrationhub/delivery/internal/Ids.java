package org.integrationhub.delivery.internal;

import com.github.f4b6a3.ulid.UlidCreator;

/** Monotonic ULIDs for deliveries, attempts and lease owners. */
final class Ids {

    private Ids() {
    }

    static String next() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
