package org.integrationhub.gateway;

import java.util.List;
import java.util.Optional;

/**
 * A connector type installed in the hub: a bundle with an {@code IntegrationInterface} component whose factory
 * configuration ({@code org.integrationhub.connector.<...>}) is described by metatype. Each factory configuration
 * of it is one instance.
 *
 * @param type the type name, the component's {@code integration.type} property (e.g. {@code "slack"})
 * @param factoryPid the factory PID of its instances' configurations
 * @param bundle symbolic name and version of the bundle providing it
 * @param name the human name of its configuration (metatype)
 * @param description what it does (metatype)
 * @param keys its configuration keys, in the metatype's order
 * @since 0.2.0
 */
public record ConnectorType(String type, String factoryPid, String bundle, String name, String description,
        List<ConfigurationKey> keys) {
    public ConnectorType {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /** @param id a key @return its definition, if the type has that key */
    public Optional<ConfigurationKey> key(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }
}
