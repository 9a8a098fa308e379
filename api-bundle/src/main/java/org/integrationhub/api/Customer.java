package org.integrationhub.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A person who asks for help, identified by e-mail address.
 *
 * @param id ULID of the customer
 * @param email normalised (lower-case) e-mail address, unique
 * @param name display name, may be empty but not null
 * @param externalIds ids of this customer in other systems, keyed by source (e.g. {@code "salesforce"}); never null
 * @param createdAt when the customer was first seen
 * @since 0.1.0
 */
public record Customer(String id, String email, String name, Map<String, String> externalIds, Instant createdAt) {
    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        name = name == null ? "" : name;
        externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
    }
}
