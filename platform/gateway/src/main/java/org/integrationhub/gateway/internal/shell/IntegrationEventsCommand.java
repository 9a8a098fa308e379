package org.integrationhub.gateway.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStats;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.shell.support.OptionValues;
import org.integrationhub.shell.support.Tables;
import org.integrationhub.shell.support.TrailingOptions;

/** Shows an integration's event deliveries (pending, failed) and retries them. */
@Service
@Command(scope = "hub", name = "integration-events", description = "Lists the event deliveries of an integration (pending and failed by default) and retries failed ones: --retry ID or --retry-failed.")
public class IntegrationEventsCommand extends IntegrationCommand {

    private static final String KIND = "integration";

    @Reference
    DeliveryService deliveries;

    @Reference
    IntegrationGateway gateway;

    @Option(name = "--status", description = "Only deliveries in this state: pending, failed, delivered (default: pending and failed)")
    String status;

    @Option(name = "--limit", description = "Rows to show per state (1..500, default 50)")
    int limit = 50;

    @Option(name = "--retry", description = "Redeliver this delivery id now, with a fresh retry budget")
    String retry;

    @Option(name = "--retry-failed", description = "Redeliver every failed delivery of the integration")
    boolean retryFailed;

    @Argument(index = 1, name = "options", multiValued = true,
            description = "Options may also follow the name, as in: hub:integration-events NAME --status failed")
    List<String> trailing;

    @Override
    protected void run() {
        TrailingOptions t = TrailingOptions.parser().option("--status").option("--limit").option("--retry")
                .flag("--retry-failed").parse(trailing);
        DeliveryStatus only = OptionValues.oneOf("status", t.last("--status", status), DeliveryStatus.class);
        int rows = OptionValues.number("limit", t.last("--limit", Integer.toString(limit)), 1, 500, 50);
        String redeliver = t.last("--retry", retry);
        if (redeliver != null) {
            Delivery d = deliveries.redeliver(redeliver);
            System.out.println("Delivery " + d.id() + " rescheduled (" + d.status() + ")");
            return;
        }
        if (t.flag("--retry-failed", retryFailed)) {
            System.out.println(deliveries.retryFailed(KIND, name) + " failed deliveries rescheduled");
            return;
        }
        DeliveryStats stats = deliveries.stats(KIND, name);
        System.out.println(name + ": " + stats.pending() + " pending, " + stats.failed() + " failed, "
                + stats.delivered() + " delivered" + gateway.get(name).map(i -> "; " + IntegrationListCommand.receives(i))
                        .orElse(""));
        ShellTable table = Tables.of("Delivery", "Event", "Type", "Ticket", "Status", "Attempts", "Next attempt",
                "Last error");
        for (DeliveryStatus s : only != null ? List.of(only) : List.of(DeliveryStatus.PENDING, DeliveryStatus.FAILED)) {
            addRows(table, s, rows);
        }
        table.print(System.out);
    }

    private void addRows(ShellTable table, DeliveryStatus s, int rows) {
        for (Delivery d : deliveries.list(new DeliveryQuery(KIND, name, s, null, rows)).items()) {
            table.addRow().addContent(d.id(), d.eventId(), d.eventType(), d.ticketId(), d.status(), d.attempts(),
                    d.nextAttemptAt() == null ? "" : d.nextAttemptAt(), d.lastError() == null ? "" : d.lastError());
        }
    }
}
