package org.integrationhub.spi;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.integrationhub.api.CustomerService;
import org.integrationhub.api.TicketService;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform services a connector may use; the platform implements it and registers it as an OSGi service
 * (openHAB's ThingHandlerCallback shape). A connector component takes it as a mandatory reference
 * ({@code @Reference IntegrationContext context}) instead of touching the OSGi framework, so a plain JUnit test
 * can hand it a fake (see hub-api-testkit's {@code FakeIntegrationContext}).
 *
 * <p>One context serves every connector instance; methods that concern one instance take its name.
 * All methods are thread-safe and never return null.
 *
 * @since 0.1.0
 */
@ProviderType
public interface IntegrationContext {

    /** @return the ticket service, for connectors that act back on tickets */
    TicketService tickets();

    /** @return the customer service */
    CustomerService customers();

    /** @return the shared scheduler for background work; never shut it down, never block it for long */
    ScheduledExecutorService scheduler();

    /**
     * @return a shared JDK HTTP client (HTTP/1.1, redirects never followed, 5 s connect timeout) whose threads
     *         belong to the platform; set a per-request timeout below the gateway's time limit
     */
    HttpClient httpClient();

    /**
     * Reports the status of one instance between health checks, e.g. UNCONFIGURED from {@code activate} when a
     * required setting is missing, or OFFLINE when a background connection drops. The gateway shows the latest
     * report until the next check; its own findings (circuit open, rate limited) take precedence.
     *
     * @param integrationName the instance's {@link IntegrationDescriptor#name()}
     * @param status the status and a detail without secrets
     */
    void reportStatus(String integrationName, HealthResult status);

    /**
     * Resolves a secret configuration value: {@code env:NAME} or {@code ${env:NAME}} reads the environment
     * variable NAME; anything else is returned as is (Karaf has already decrypted {@code ENC(...)} values when
     * its jasypt configuration encryption is enabled).
     *
     * @param value the configured value; may be null
     * @return the secret, or {@code ""} when the value or the variable is missing
     */
    String resolveSecret(String value);

    /**
     * The URL people open for a ticket: the hub-wide {@code ticketUrlTemplate} of {@code etc/org.integrationhub.core.cfg}
     * with {@code {id}} replaced (the helpdesk's own UI in production). Every connector's "View Ticket" / "Open in
     * Helpdesk" link uses it.
     *
     * @param ticketId the hub ticket id
     * @return an absolute URL
     * @since 0.2.0
     */
    String ticketUrl(String ticketId);

    /**
     * How remote systems reach the hub: the hub-wide {@code publicBaseUrl} of {@code etc/org.integrationhub.core.cfg},
     * without a trailing slash. A connector's inbound URL, to be registered at its vendor or used in a URL-based
     * signature, is this followed by {@code /integrations/<type>/<path>}.
     *
     * @return an absolute URL without a trailing slash, e.g. {@code https://hub.example.com}
     * @since 0.2.0
     */
    String publicBaseUrl();

    /**
     * Takes or renews a named lease shared by every hub node on the same database, for periodic work that one node
     * of a cluster must do alone (e.g. a metrics report): call it each time before doing the work and go on only
     * when it returns true. The node holding the lease keeps it by calling again before {@code ttl} runs out;
     * another node gets it only after {@code ttl} has passed without a renewal, so a node that dies hands over
     * within {@code ttl}. On a single node it always returns true (unless the database cannot be reached).
     *
     * @param name the lease's name, unique across connectors: prefix it with the instance name, e.g.
     *        {@code "datadog-prod/report"}; at most 200 characters
     * @param ttl how long the lease holds without renewal; at least one second
     * @return true when this node holds the lease until {@code ttl} from now
     * @since 0.3.0
     */
    boolean acquireLease(String name, Duration ttl);
}
