package org.integrationhub.core.internal;

import java.security.SecureRandom;
import java.time.Clock;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidFactory;

/** Monotonic ULIDs on the service's clock: ids created later sort after earlier ones, even within a millisecond. */
final class Ids {

    private final UlidFactory factory;

    Ids(Clock clock) {
        this.factory = UlidFactory.newMonotonicInstance(new SecureRandom(), clock::millis);
    }

    String next() {
        return factory.create().toString();
    }

    /** @return whether {@code id} is a canonical ULID (26 upper-case Crockford base32 characters) */
    static boolean isValid(String id) {
        return id != null && id.length() == 26 && Ulid.isValid(id) && id.equals(id.toUpperCase(java.util.Locale.ROOT));
    }

    /** @return {@code id} shortened for an error message, so callers never get an arbitrary long string back */
    static String forMessage(String id) {
        if (id == null) {
            return "null";
        }
        return id.length() <= 40 ? id : id.substring(0, 40) + "...";
    }
}
