package org.integrationhub.webconsole.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.gateway.ConfigurationKey;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.gateway.InstanceConfiguration;
import org.integrationhub.gateway.IntegrationConfigurations;

/**
 * Instances of one connector type in memory, with the service's rules the page relies on: url required, a taken
 * name refused, a secret left empty on update keeps its value; every value a page posted is recorded.
 */
final class FakeConfigurations implements IntegrationConfigurations {

    static final ConnectorType TYPE = new ConnectorType("http-notify", "org.integrationhub.connector.httpnotify",
            "org.integrationhub.connector.example/0.1.0", "Integration Hub connector: http-notify", "Posts <events> as JSON",
            List.of(new ConfigurationKey("integration.name", "Name", "", "string", List.of(), true, false, false, Map.of()),
                    new ConfigurationKey("integration.events", "Events", "Event types", "string", List.of("*"), false,
                            false, true, Map.of()),
                    new ConfigurationKey("url", "Endpoint URL", "Where to post", "string", List.of(), true, false, false,
                            Map.of()),
                    new ConfigurationKey(".token", "Bearer token", "Sent as Authorization", "password", List.of(), false,
                            true, false, Map.of()),
                    new ConfigurationKey("verbose", "Verbose", "", "boolean", List.of("false"), false, false, false,
                            Map.of())));

    final Map<String, Map<String, String>> stored = new ConcurrentHashMap<>();
    final List<Map<String, String>> posted = new ArrayList<>();

    @Override
    public List<ConnectorType> types() {
        return List.of(TYPE);
    }

    @Override
    public Optional<ConnectorType> type(String type) {
        return TYPE.type().equals(type) ? Optional.of(TYPE) : Optional.empty();
    }

    @Override
    public Optional<InstanceConfiguration> instance(String name) {
        Map<String, String> values = stored.get(name);
        if (values == null) {
            return Optional.empty();
        }
        Map<String, String> visible = new TreeMap<>(values);
        visible.remove(".token");
        return Optional.of(new InstanceConfiguration(name, TYPE.type(), TYPE.factoryPid(), visible,
                values.containsKey(".token") ? List.of(".token") : List.of(), null));
    }

    @Override
    public synchronized InstanceConfiguration create(String type, String name, Map<String, String> values) {
        type(type).orElseThrow(() -> new NotFoundException("No connector type '" + type + "' is installed"));
        if (stored.containsKey(name)) {
            throw new ConflictException("An integration named '" + name + "' exists already");
        }
        return store(name, values, Map.of());
    }

    @Override
    public synchronized InstanceConfiguration update(String name, Map<String, String> values) {
        Map<String, String> old = stored.get(name);
        if (old == null) {
            throw new NotFoundException("No integration named '" + name + "' is configured");
        }
        return store(name, values, old);
    }

    private InstanceConfiguration store(String name, Map<String, String> values, Map<String, String> old) {
        posted.add(Map.copyOf(values));
        if (values.getOrDefault("url", "").isBlank()) {
            throw new ValidationException(List.of(new ValidationException.FieldError("url", "is required"),
                    new ValidationException.FieldError("verbose", "must be true or false")));
        }
        Map<String, String> next = new TreeMap<>();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                next.put(k, v);
            }
        });
        if (old.containsKey(".token") && values.getOrDefault(".token", "").isEmpty()) {
            next.put(".token", old.get(".token"));
        }
        stored.put(name, next);
        return instance(name).orElseThrow();
    }

    @Override
    public void remove(String name) {
        if (stored.remove(name) == null) {
            throw new NotFoundException("No integration named '" + name + "' is configured");
        }
    }
}
