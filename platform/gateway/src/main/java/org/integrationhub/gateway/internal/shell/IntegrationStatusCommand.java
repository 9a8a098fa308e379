package org.integrationhub.gateway.internal.shell;

import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.gateway.IntegrationStats;
import org.integrationhub.shell.support.CommandErrors;
import org.integrationhub.spi.ActionDescriptor;

/** Shows one integration: status, actions, metrics. */
@Service
@Command(scope = "hub", name = "integration-status", description = "Shows one integration: status and detail, actions, calls, failures by category, latency histogram, pending events.")
public class IntegrationStatusCommand extends IntegrationCommand {

    @Reference
    IntegrationGateway gateway;

    @Override
    protected void run() {
        IntegrationInfo i = gateway.get(name)
                .orElseThrow(() -> CommandErrors.notFound("integration named '" + name + "'", "hub:integration-list"));
        IntegrationStats s = i.stats();
        System.out.println("name:      " + i.name());
        System.out.println("type:      " + i.type() + " " + i.version() + " (" + i.bundle() + ")");
        System.out.println("status:    " + i.status() + " - " + i.statusDetail());
        System.out.println("circuit:   " + s.circuitState() + ", in flight " + s.inFlight());
        System.out.println("calls:     " + s.calls() + " (" + s.successes() + " succeeded)");
        System.out.println("failures:  " + (s.failures().isEmpty() ? "none" : s.failures()));
        System.out.println("latency:   p50 " + s.p50Millis() + " ms, p99 " + s.p99Millis() + " ms");
        for (Map.Entry<String, Long> bucket : s.latencyMillis().entrySet()) {
            if (bucket.getValue() > 0) {
                System.out.println("           " + bucket.getKey() + ": " + bucket.getValue());
            }
        }
        System.out.println("receives:  " + IntegrationListCommand.receives(i));
        System.out.println("pending:   " + (s.queueDepth() < 0 ? "unknown" : s.queueDepth() + " events"));
        System.out.println("actions:");
        for (ActionDescriptor a : i.actions()) {
            System.out.println("  " + a.name() + " " + a.requiredParams() + " - " + a.description());
        }
    }
}
