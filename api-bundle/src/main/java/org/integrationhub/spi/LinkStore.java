package org.integrationhub.spi;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable link state between hub tickets and objects in remote systems (the Slack message of a ticket, the Jira
 * issue key), kept by the platform in the hub's database so connectors need no database of their own. The
 * platform registers it as an OSGi service; a connector takes it as a reference and scopes every entry by its
 * instance name, so two instances of one connector never see each other's links.
 *
 * <p>Values are short strings (at most 1000 characters); the connector chooses their format. All methods are
 * thread-safe; a {@code put} is durable when it returns. Entries stay until removed.
 *
 * @since 0.1.0
 */
@ProviderType
public interface LinkStore {

    /**
     * @param integrationName the instance's {@link IntegrationDescriptor#name()}
     * @param ticketId the hub ticket id
     * @param key the connector's key, e.g. {@code "slack.thread"}
     * @return the stored value, if any
     */
    Optional<String> get(String integrationName, String ticketId, String key);

    /**
     * Stores or replaces a value.
     *
     * @param integrationName the instance's name
     * @param ticketId the hub ticket id
     * @param key the connector's key, at most 100 characters
     * @param value the value, at most 1000 characters
     * @throws IllegalArgumentException if a value is too long or missing
     */
    void put(String integrationName, String ticketId, String key, String value);

    /**
     * Removes a value; removing an absent value is harmless.
     *
     * @param integrationName the instance's name
     * @param ticketId the hub ticket id
     * @param key the connector's key
     */
    void remove(String integrationName, String ticketId, String key);
}
