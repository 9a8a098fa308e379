package org.integrationhub.webhooks.internal;

import com.github.f4b6a3.ulid.UlidCreator;

/** ULIDs for endpoints. */
final class Ids {

    private Ids() {
    }

    static String next() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
