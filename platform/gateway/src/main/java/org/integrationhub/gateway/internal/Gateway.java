package org.integrationhub.gateway.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.integrationhub.api.HubEvent;
import org.integrationhub.gateway.GatewayException;
import org.integrationhub.gateway.GatewayException.Reason;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.HealthResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's calls: actions, connection tests and event deliveries, each through the integration's policies. */
final class Gateway implements IntegrationGateway, StatusBoard {

    private final Logger logger = LoggerFactory.getLogger(Gateway.class);
    private final IntegrationRegistry registry;
    private final Supplier<Map<String, ConfiguredInstances.Instance>> configured;
    private final Supplier<Map<String, Long>> queueDepth;

    Gateway(IntegrationRegistry registry, Supplier<Map<String, ConfiguredInstances.Instance>> configured,
            Supplier<Map<String, Long>> queueDepth) {
        this.registry = registry;
        this.configured = configured;
        this.queueDepth = queueDepth;
    }

    @Override
    public List<IntegrationInfo> list() {
        return registry.list(configured.get(), queueDepth.get());
    }

    @Override
    public Optional<IntegrationInfo> get(String name) {
        return registry.get(name, configured.get(), queueDepth.get());
    }

    @Override
    public ActionResult execute(String integration, String action, Map<String, Object> params)
            throws GatewayException {
        return execute(integration, action, params, UUID.randomUUID().toString());
    }

    /** Runs an action with a caller-chosen idempotency key, the same on every retry. */
    ActionResult execute(String integration, String action, Map<String, Object> params, String idempotencyKey)
            throws GatewayException {
        IntegrationEntry entry = present(integration);
        IntegrationEntry.Registered r = entry.current();
        ActionDescriptor descriptor = r == null ? null : r.descriptor().action(action);
        if (descriptor == null) {
            throw new GatewayException(Reason.UNKNOWN_ACTION, "Integration '" + integration + "' has no action '"
                    + action + "'");
        }
        List<String> missing = missingParameters(descriptor, params);
        if (!missing.isEmpty()) {
            throw new GatewayException(Reason.INVALID_PARAMETERS, "Missing required parameters: "
                    + String.join(", ", missing));
        }
        ActionRequest request = new ActionRequest(action, params, idempotencyKey);
        Policies policies = entry.policies;
        try {
            return policies.call(() -> r.service().execute(request), true);
        } catch (Throwable e) {
            throw GatewayErrors.classify(integration, e, policies);
        }
    }

    /**
     * Delivers one event through the integration's policies, without the gateway's retry (the delivery engine
     * retries).
     *
     * @throws GatewayException {@link Reason#UNAVAILABLE} while the connector is absent, else classified failures
     */
    void deliver(String integration, HubEvent event) throws GatewayException {
        IntegrationEntry entry = present(integration);
        IntegrationEntry.Registered r = entry.current();
        Policies policies = entry.policies;
        try {
            policies.call(() -> {
                r.service().onEvent(event);
                return null;
            }, false);
        } catch (Throwable e) {
            if (entry.current() != r) {
                // the connector left (bundle stopped or updated) during the call: the event waits for its return
                throw new GatewayException(Reason.UNAVAILABLE, "Integration '" + integration
                        + "' went away during the delivery", null, null, e);
            }
            throw GatewayErrors.classifyDelivery(integration, e, policies);
        }
    }

    @Override
    public HealthResult test(String integration) throws GatewayException {
        IntegrationEntry entry = present(integration);
        IntegrationEntry.Registered r = entry.current();
        HealthResult result;
        try {
            result = entry.policies.timed(() -> r.service().checkHealth());
            if (result == null) {
                result = HealthResult.degraded("connection test returned no result");
            }
        } catch (TimeoutException e) {
            result = HealthResult.offline("communication error: connection test timed out (" + e.getMessage() + ")");
        } catch (Throwable e) {
            logger.debug("Connection test of integration '{}' failed", integration, e);
            result = HealthResult.degraded("connection test failed unexpectedly (" + e.getClass().getSimpleName() + ")");
        }
        entry.health = result;
        return result;
    }

    @Override
    public void report(String integration, HealthResult status) {
        IntegrationEntry entry = registry.entry(integration);
        if (entry != null && status != null) {
            entry.health = status;
        }
    }

    /** @return the entry of a registered integration; 404 if unknown, 503 if configured but absent */
    private IntegrationEntry present(String integration) throws GatewayException {
        IntegrationEntry entry = registry.entry(integration);
        if (entry != null && entry.current() != null) {
            return entry;
        }
        Map<String, ConfiguredInstances.Instance> known = configured.get();
        if (entry != null || (known != null && known.containsKey(integration))) {
            throw new GatewayException(Reason.UNAVAILABLE, "Integration '" + integration
                    + "' is configured but its connector is not running (bundle absent, stopped or being updated)",
                    null, java.time.Duration.ofSeconds(5), null);
        }
        throw new GatewayException(Reason.UNKNOWN_INTEGRATION, "No integration named '" + integration + "'");
    }

    static List<String> missingParameters(ActionDescriptor descriptor, Map<String, Object> params) {
        List<String> missing = new ArrayList<>();
        for (String p : descriptor.requiredParams()) {
            if (params == null || params.get(p) == null) {
                missing.add(p);
            }
        }
        return missing;
    }
}
