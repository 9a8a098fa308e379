package org.integrationhub.gateway;

import java.util.List;
import java.util.Map;

/**
 * A connector instance's configuration as the hub shows it: never a secret's value.
 *
 * @param name the instance name ({@code integration.name})
 * @param type its connector type, or its factory PID when no installed type has that PID
 * @param factoryPid the factory PID of its configuration
 * @param config the configured values of its non-secret keys, as written (strings)
 * @param secretsSet the secret keys that have a value
 * @param file the configuration file in etc/ it lives in, or null if it has none
 * @since 0.2.0
 */
public record InstanceConfiguration(String name, String type, String factoryPid, Map<String, String> config,
        List<String> secretsSet, String file) {
    public InstanceConfiguration {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(config));
        secretsSet = secretsSet == null ? List.of() : List.copyOf(secretsSet);
    }
}
