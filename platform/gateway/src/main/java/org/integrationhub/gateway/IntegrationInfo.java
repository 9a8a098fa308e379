package org.integrationhub.gateway;

import java.util.List;

import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.IntegrationStatus;

/**
 * A connector instance as operators see it.
 *
 * @param name instance name
 * @param type connector type
 * @param version connector version; empty while the connector is absent
 * @param bundle symbolic name and version of the bundle providing it; empty while absent
 * @param status current status (gateway findings such as an open circuit take precedence over the connector's)
 * @param statusDetail one sentence explaining the status; never a secret
 * @param actions actions it offers; empty while absent
 * @param stats call metrics since the gateway started
 * @param events the event types the instance receives, as configured ({@code integration.events}, default
 *        {@code ["*"]}: every event); empty when it receives no events — subscribed to nothing on purpose
 *        ({@code integration.events =} empty), or registered without a configuration
 * @param minPriority the minimum ticket priority of the events it receives ({@code low|normal|high|urgent}), or
 *        null for every priority
 * @since 0.1.0 ({@code events} and {@code minPriority} since 0.2.0)
 */
public record IntegrationInfo(String name, String type, String version, String bundle, IntegrationStatus status,
        String statusDetail, List<ActionDescriptor> actions, IntegrationStats stats, List<String> events,
        String minPriority) {
    public IntegrationInfo {
        actions = actions == null ? List.of() : List.copyOf(actions);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * An instance that receives no events (the 0.1.0 shape).
     *
     * @since 0.1.0
     */
    public IntegrationInfo(String name, String type, String version, String bundle, IntegrationStatus status,
            String statusDetail, List<ActionDescriptor> actions, IntegrationStats stats) {
        this(name, type, version, bundle, status, statusDetail, actions, stats, List.of(), null);
    }

    /**
     * @return whether the instance receives any event at all; false means it is silent on purpose (or has no
     *         configuration)
     * @since 0.2.0
     */
    public boolean receivesEvents() {
        return !events.isEmpty();
    }
}
