package org.integrationhub.spi;

import org.integrationhub.api.HubEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A connector instance: the one OSGi service a connector plugin registers per configured account. The gateway
 * tracks these services as a whiteboard; operators see one per connector instance.
 *
 * <p><b>Contract.</b> Implementations are thread-safe. No method may block on a remote system longer than the
 * gateway's time limit; slow background work goes to {@link IntegrationContext#scheduler()}. Expected failures
 * (remote down, bad credentials, quota) are thrown as {@link IntegrationException} with a category, never as
 * unchecked exceptions.
 *
 * @since 0.1.0
 */
@ConsumerType
public interface IntegrationInterface {

    /** Service property naming the connector type, e.g. {@code "slack"}. */
    String TYPE_PROPERTY = "integration.type";
    /** Service property naming this instance, unique in the hub, e.g. {@code "slack-support"}. */
    String NAME_PROPERTY = "integration.name";
    /**
     * Configuration key (of the instance's factory configuration, hence also a service property): the event types
     * the instance subscribes to, wire names such as {@code "ticket.created"}, or {@code "*"} for all. Read by the
     * platform from Config Admin, so subscriptions persist while the connector bundle is absent.
     */
    String EVENTS_PROPERTY = "integration.events";
    /**
     * Configuration key: the minimum ticket priority ({@code low|normal|high|urgent}) of the events the instance
     * receives; absent means all.
     */
    String MIN_PRIORITY_PROPERTY = "integration.min.priority";

    /**
     * @return identity, version and the actions this instance offers; constant for the life of the service
     */
    IntegrationDescriptor descriptor();

    /**
     * Runs one named action (e.g. {@code "create_issue"}).
     *
     * @param request the action name, parameters and an idempotency key
     * @return the action's result
     * @throws IntegrationException classified failure; unknown action → {@link ErrorCategory#CONFIGURATION}
     */
    ActionResult execute(ActionRequest request) throws IntegrationException;

    /**
     * Receives one hub event the instance is subscribed to. Delivery is at least once: the same
     * {@link HubEvent#id()} may arrive again and must then be harmless (use it as the idempotency key towards the
     * remote system). Events of one ticket arrive in order.
     *
     * <p>The gateway calls it through the instance's policies (rate limiter, circuit breaker, time limit); the
     * durable delivery engine retries retryable failures with backoff and keeps events while the instance is
     * absent. Filtering by {@link #EVENTS_PROPERTY} and {@link #MIN_PRIORITY_PROPERTY} happens before the call.
     *
     * @param event the event
     * @throws IntegrationException to have the delivery retried (retryable categories) or given up
     */
    default void onEvent(HubEvent event) throws IntegrationException {
        // connectors that only offer actions ignore events
    }

    /**
     * Tests the connection: calls the remote system's cheapest authenticated endpoint (e.g. Slack
     * {@code auth.test}) and classifies the outcome. The gateway calls it periodically, on the shared scheduler,
     * and on demand ({@code hub:integration-test}); it applies its time limit to it.
     *
     * @return the health found: ONLINE, OFFLINE (communication or authentication error), DEGRADED or
     *         UNCONFIGURED (missing or invalid configuration); never null, never throws
     */
    HealthResult checkHealth();
}
