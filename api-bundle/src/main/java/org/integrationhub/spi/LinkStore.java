package org.integrationhub.spi;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable link state between hub tickets and objects in remote systems (the Slack message of a ticket, the Jira
 * issue key), kept by the platform in the hub's database so connectors need no database of their own. The
 * platform registers it as an OSGi service; a connector takes it as a reference and scopes every entry by its
 * instance name, so two instances of one connector never see each other's links.
 *
 * <p>Two kinds of entry: private <b>values</b> ({@link #get}/{@link #put}/{@link #remove}: short strings, at most
 * 1000 characters, in a format the connector chooses) and public <b>links</b> ({@link TicketLink}: the remote object
 * made for a ticket, with its key and URL, listed to API users at {@code GET /api/v1/tickets/{id}/links} and found
 * again by key when the remote system calls back, e.g. a Jira webhook naming issue {@code HELP-42}).
 * All methods are thread-safe; a write is durable when it returns. Entries stay until removed.
 *
 * @since 0.1.0 (links since 0.2.0)
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

    /**
     * Records the remote object of one type an instance made for a ticket, replacing the previous one of that type.
     * A remote key belongs to at most one ticket per instance and type: linking it to another ticket moves it.
     *
     * @param link the link; its {@link TicketLink#integration()} is the instance's name
     * @since 0.2.0
     */
    void putLink(TicketLink link);

    /**
     * @param integrationName the instance's name
     * @param ticketId the hub ticket id
     * @param type the link type, e.g. {@code "issue"}
     * @return the instance's link of that type for the ticket, if any
     * @since 0.2.0
     */
    Optional<TicketLink> link(String integrationName, String ticketId, String type);

    /**
     * The reverse lookup, for callbacks from the remote system.
     *
     * @param integrationName the instance's name
     * @param type the link type
     * @param key the remote key, e.g. {@code "HELP-42"}
     * @return the link (and so the ticket) the key belongs to, if any
     * @since 0.2.0
     */
    Optional<TicketLink> findByKey(String integrationName, String type, String key);

    /**
     * @param ticketId the hub ticket id
     * @return every instance's links of the ticket, ordered by instance name, then type
     * @since 0.2.0
     */
    List<TicketLink> links(String ticketId);

    /**
     * Removes a link; removing an absent link is harmless.
     *
     * @param integrationName the instance's name
     * @param ticketId the hub ticket id
     * @param type the link type
     * @since 0.2.0
     */
    void removeLink(String integrationName, String ticketId, String type);
}
