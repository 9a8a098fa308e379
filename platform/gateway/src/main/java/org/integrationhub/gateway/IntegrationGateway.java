package org.integrationhub.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.HealthResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Calls connector instances ({@code IntegrationInterface} services) safely: every call goes through the instance's
 * rate limiter (the vendor quota, lowered by the operator if configured), circuit breaker, bulkhead, time limit
 * and retry (exponential backoff with jitter, retryable categories only, honouring Retry-After), and is counted in
 * the instance's metrics. Thread-safe; registered as an OSGi service by the gateway bundle.
 *
 * @since 0.1.0
 */
@ProviderType
public interface IntegrationGateway {

    /** @return every instance the hub knows (registered services and configured-but-absent ones), by name */
    List<IntegrationInfo> list();

    /**
     * @param name the instance name
     * @return the instance, or empty if the hub knows none by that name
     */
    Optional<IntegrationInfo> get(String name);

    /**
     * Runs one action of one instance through its policies.
     *
     * @param integration the instance name
     * @param action the action name; must be one of the instance's declared actions
     * @param params JSON-like parameters (String, Number, Boolean, List, Map, null)
     * @return the connector's result
     * @throws GatewayException classified failure; {@link GatewayException#httpStatus()} is the REST status
     */
    ActionResult execute(String integration, String action, Map<String, Object> params) throws GatewayException;

    /**
     * Tests the connection of one instance now (its cheapest authenticated remote call, under the time limit) and
     * records the result as its status.
     *
     * @param integration the instance name
     * @return the health found
     * @throws GatewayException {@link GatewayException.Reason#UNKNOWN_INTEGRATION} if no such instance is registered
     */
    HealthResult test(String integration) throws GatewayException;
}
