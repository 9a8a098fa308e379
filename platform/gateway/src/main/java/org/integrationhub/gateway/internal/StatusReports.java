package org.integrationhub.gateway.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.spi.HealthResult;
import org.osgi.service.component.annotations.Component;

/**
 * Relays connectors' status reports from the {@code IntegrationContext} to the gateway. A component of its own so
 * the service graph has no cycle (gateway → connectors → context → gateway would fail when all start together);
 * reports arriving while no gateway is attached are kept and replayed when it attaches.
 */
@Component(service = StatusReports.class)
public class StatusReports implements StatusBoard {

    private final Map<String, HealthResult> unclaimed = new ConcurrentHashMap<>();
    private volatile StatusBoard gateway;

    @Override
    public void report(String integration, HealthResult status) {
        StatusBoard target = gateway;
        if (target != null) {
            target.report(integration, status);
        } else if (integration != null && status != null) {
            unclaimed.put(integration, status);
        }
    }

    synchronized void attach(StatusBoard board) {
        gateway = board;
        unclaimed.forEach(board::report);
        unclaimed.clear();
    }

    synchronized void detach(StatusBoard board) {
        if (gateway == board) {
            gateway = null;
        }
    }
}
