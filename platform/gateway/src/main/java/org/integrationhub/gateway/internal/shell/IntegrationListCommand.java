package org.integrationhub.gateway.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.gateway.IntegrationStats;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.Tables;

/** Lists connector instances with status and call metrics. */
@Service
@Command(scope = "hub", name = "integration-list", description = "Lists the connector instances (integrations) with status, calls, failures, latency, pending events and the events each receives.")
public class IntegrationListCommand extends HubCommand {

    @Reference
    IntegrationGateway gateway;

    @Override
    protected void run() {
        ShellTable table = Tables.of("Name", "Type", "Version", "Status", "Calls", "Failures", "p50 ms",
                "Pending events", "Receives");
        table.column("Detail").maxSize(70);
        for (IntegrationInfo i : gateway.list()) {
            IntegrationStats s = i.stats();
            long failures = s.failures().values().stream().mapToLong(Long::longValue).sum();
            table.addRow().addContent(i.name(), i.type(), i.version(), i.status(), s.calls(), failures,
                    s.p50Millis(), s.queueDepth() < 0 ? "?" : s.queueDepth(), receives(i), i.statusDetail());
        }
        table.print(System.out);
    }

    /** @return the instance's subscription in words: "all ticket events", "ticket.created comment.added (high+)", ... */
    public static String receives(IntegrationInfo i) {
        if (!i.receivesEvents()) {
            return "receives no events";
        }
        String events = i.events().contains("*") ? "all ticket events" : String.join(" ", i.events());
        return i.minPriority() == null ? events : events + " (" + i.minPriority() + "+)";
    }
}
