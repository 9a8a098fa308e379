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
     * @param event the event
     * @throws IntegrationException to have the delivery retried (retryable categories) or given up
     */
    default void onEvent(HubEvent event) throws IntegrationException {
        // connectors that only offer actions ignore events
    }

    /**
     * Checks the remote system with its cheapest authenticated call.
     *
     * @return the health found; never null, never throws
     */
    HealthResult checkHealth();
}
