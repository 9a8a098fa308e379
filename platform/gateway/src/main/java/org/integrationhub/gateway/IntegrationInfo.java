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
 * @since 0.1.0
 */
public record IntegrationInfo(String name, String type, String version, String bundle, IntegrationStatus status,
        String statusDetail, List<ActionDescriptor> actions, IntegrationStats stats) {
    public IntegrationInfo {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
