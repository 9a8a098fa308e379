package org.integrationhub.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Connector instances as operators manage them: the installed connector types with their configuration keys, and
 * instances created, changed and deleted as factory configurations ({@code etc/<factory PID>-<name>.cfg}), checked
 * against the type's metatype. The one service behind {@code hub:integration-types|add|remove}, the REST API's
 * {@code POST|DELETE /api/v1/integrations} and the web console's Integrations page. Secrets (keys starting with a
 * dot) are accepted and stored, never returned. Thread-safe.
 *
 * <p>Failures are {@code org.integrationhub.api} exceptions: {@code NotFoundException} (unknown type or instance),
 * {@code ConflictException} (an instance of that name exists), {@code ValidationException} (one entry per invalid
 * key or value, the field being the key).
 *
 * @since 0.2.0
 */
@ProviderType
public interface IntegrationConfigurations {

    /** @return the installed connector types, by type name */
    List<ConnectorType> types();

    /** @param type a type name @return the installed type of that name, if any */
    Optional<ConnectorType> type(String type);

    /** @param name an instance name @return its configuration, without secret values, if it has one */
    Optional<InstanceConfiguration> instance(String name);

    /**
     * Creates an instance: a factory configuration of the type with {@code integration.name = name} and the values.
     *
     * @param type the type name
     * @param name the instance name, unique in the hub: {@code [a-z0-9][a-z0-9_-]*}, at most 64 characters
     * @param values keys to values as an operator writes them in a .cfg file (several values comma-separated);
     *        secrets may be {@code env:NAME}; an empty value means the key's default, except
     *        {@code integration.events}, where it means no events
     * @return the created instance
     */
    InstanceConfiguration create(String type, String name, Map<String, String> values);

    /**
     * Replaces an instance's values (its name and type stay). A secret key that is absent or empty in
     * {@code values} keeps its stored value; any other key that is absent or empty takes its default (an empty
     * {@code integration.events}: no events).
     *
     * @param name the instance name
     * @param values the new values, as for {@link #create}
     * @return the changed instance
     */
    InstanceConfiguration update(String name, Map<String, String> values);

    /**
     * Deletes an instance's configuration (and its file): its connector stops serving it.
     *
     * @param name the instance name
     */
    void remove(String name);
}
