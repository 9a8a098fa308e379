package org.integrationhub.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A person who asks for help, identified by e-mail address.
 *
 * @param id ULID of the customer
 * @param email normalised (stripped, lower-case) e-mail address, unique; compared case-insensitively
 * @param name display name, may be empty but not null
 * @param company the customer's company, or null when unknown (since 0.3.0)
 * @param phone the customer's phone number as given, or null when unknown (since 0.3.0)
 * @param externalIds ids of this customer in other systems, keyed by source (e.g. {@code "salesforce"}); never null
 * @param attributes free-form string attributes, namespaced per source (e.g. {@code "hubspot.lifecycle_stage"});
 *        never null (since 0.3.0)
 * @param createdAt when the customer was first seen
 * @param updatedAt when the customer last changed; equals {@code createdAt} until then (since 0.3.0)
 * @since 0.1.0
 */
public record Customer(String id, String email, String name, String company, String phone,
        Map<String, String> externalIds, Map<String, String> attributes, Instant createdAt, Instant updatedAt) {
    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        name = name == null ? "" : name;
        externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        updatedAt = updatedAt == null ? createdAt : updatedAt;
    }

    /**
     * The 0.1 shape: no company, phone or attributes, never updated.
     *
     * @param id ULID of the customer
     * @param email normalised e-mail address
     * @param name display name
     * @param externalIds ids in other systems
     * @param createdAt when the customer was first seen
     */
    public Customer(String id, String email, String name, Map<String, String> externalIds, Instant createdAt) {
        this(id, email, name, null, null, externalIds, Map.of(), createdAt, createdAt);
    }
}
