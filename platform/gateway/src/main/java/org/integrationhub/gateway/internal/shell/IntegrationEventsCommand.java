package org.integrationhub.gateway.internal.shell;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
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

/** Shows an integration's event deliveries (pending, failed) and retries them. */
@Service
@Command(scope = "hub", name = "integration-events", description = "Lists the event deliveries of an integration (pending and failed by default) and retries failed ones: --retry ID or --retry-failed.")
public class IntegrationEventsCommand implements Action {

    private static final String KIND = "integration";

    @Reference
    DeliveryService deliveries;

    @Reference
    IntegrationGateway gateway;

    @Argument(index = 0, name = "name", description = "The integration (connector instance) name", required = true)
    @Completion(IntegrationNameCompleter.class)
    String name;

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
    java.util.List<String> trailing;

    @Override
    public Object execute() {
        applyTrailingOptions();
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("--limit must be between 1 and 500");
        }
        if (retry != null) {
            Delivery d = deliveries.redeliver(retry);
            System.out.println("Delivery " + d.id() + " rescheduled (" + d.status() + ")");
            return null;
        }
        if (retryFailed) {
            System.out.println(deliveries.retryFailed(KIND, name) + " failed deliveries rescheduled");
            return null;
        }
        DeliveryStats stats = deliveries.stats(KIND, name);
        System.out.println(name + ": " + stats.pending() + " pending, " + stats.failed() + " failed, "
                + stats.delivered() + " delivered" + gateway.get(name).map(i -> "; " + IntegrationListCommand.receives(i))
                        .orElse(""));
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Delivery", "Event", "Type", "Ticket", "Status", "Attempts", "Next attempt", "Last error"}) {
            table.column(column);
        }
        if (status != null) {
            addRows(table, parse(status));
        } else {
            addRows(table, DeliveryStatus.PENDING);
            addRows(table, DeliveryStatus.FAILED);
        }
        table.print(System.out);
        return null;
    }

    /** Karaf stops parsing options at the first argument; accept them after NAME too. */
    private void applyTrailingOptions() {
        java.util.List<String> t = trailing == null ? java.util.List.of() : trailing;
        for (int i = 0; i < t.size(); i++) {
            String option = t.get(i);
            if (option.equals("--retry-failed")) {
                retryFailed = true;
                continue;
            }
            if (i + 1 >= t.size() || !java.util.Set.of("--status", "--limit", "--retry").contains(option)) {
                throw new IllegalArgumentException("Unexpected argument '" + option
                        + "'; options: --status S, --limit N, --retry ID, --retry-failed");
            }
            String value = t.get(++i);
            switch (option) {
                case "--status" -> status = value;
                case "--retry" -> retry = value;
                default -> {
                    try {
                        limit = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--limit must be a number between 1 and 500");
                    }
                }
            }
        }
    }

    private void addRows(ShellTable table, DeliveryStatus s) {
        for (Delivery d : deliveries.list(new DeliveryQuery(KIND, name, s, null, limit)).items()) {
            table.addRow().addContent(d.id(), d.eventId(), d.eventType(), d.ticketId(), d.status(), d.attempts(),
                    d.nextAttemptAt() == null ? "" : d.nextAttemptAt(), d.lastError() == null ? "" : d.lastError());
        }
    }

    private static DeliveryStatus parse(String value) {
        try {
            return DeliveryStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--status must be one of pending, failed, delivered");
        }
    }
}
