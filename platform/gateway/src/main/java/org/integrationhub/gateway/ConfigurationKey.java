package org.integrationhub.gateway;

import java.util.List;
import java.util.Map;

/**
 * One configuration key of a {@link ConnectorType}, from the type's metatype.
 *
 * @param id the key as written in the configuration, e.g. {@code "url"} or {@code ".token"}
 * @param name its human name
 * @param description what it means
 * @param type its value type in lower case: {@code string}, {@code password}, {@code integer}, {@code long},
 *        {@code short}, {@code byte}, {@code double}, {@code float}, {@code boolean} or {@code char}
 * @param defaults its default value(s); empty when it has none
 * @param required whether an instance must give it (true only for keys without a default)
 * @param secret whether it is a secret (the key starts with a dot, or its type is {@code password}): accepted,
 *        never shown again
 * @param multiple whether it takes several values (written comma-separated)
 * @param options allowed values to their labels, in order; empty when any value of the type is allowed
 * @since 0.2.0
 */
public record ConfigurationKey(String id, String name, String description, String type, List<String> defaults,
        boolean required, boolean secret, boolean multiple, Map<String, String> options) {
    public ConfigurationKey {
        defaults = defaults == null ? List.of() : List.copyOf(defaults);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
}
