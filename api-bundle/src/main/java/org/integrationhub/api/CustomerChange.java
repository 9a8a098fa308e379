package org.integrationhub.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change to a customer, with JSON merge-patch semantics (RFC 7396): a null field leaves the stored value as it
 * is; {@code ""} for {@code company} or {@code phone} clears it; {@code attributes} and {@code externalIds} are
 * merged key by key into the stored maps, where a key mapped to null is removed. The e-mail address never changes.
 *
 * @param name new display name, or null to keep it
 * @param company new company, {@code ""} to clear, or null to keep it
 * @param phone new phone number, {@code ""} to clear, or null to keep it
 * @param attributes attributes to set (null value: remove the key); null or empty to keep them all
 * @param externalIds external ids to set (null value: remove the source); null or empty to keep them all
 * @since 0.3.0
 */
public record CustomerChange(String name, String company, String phone, Map<String, String> attributes,
        Map<String, String> externalIds) {
    public CustomerChange {
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        externalIds = externalIds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(externalIds));
    }

    /** @return a change that changes nothing */
    public static CustomerChange none() {
        return new CustomerChange(null, null, null, null, null);
    }

    /** @return true when this change names no field at all */
    public boolean isEmpty() {
        return name == null && company == null && phone == null && attributes.isEmpty() && externalIds.isEmpty();
    }
}
