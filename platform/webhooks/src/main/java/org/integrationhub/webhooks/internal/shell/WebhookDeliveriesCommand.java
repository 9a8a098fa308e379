package org.integrationhub.webhooks.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryPage;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.shell.support.OptionValues;
import org.integrationhub.shell.support.Tables;
import org.integrationhub.shell.support.TrailingOptions;
import org.integrationhub.webhooks.internal.Endpoint;

/** Lists a webhook's deliveries, newest first, optionally with every attempt. */
@Service
@Command(scope = "hub", name = "webhook-deliveries", description = "Lists a webhook's deliveries, newest first: event, state, attempts, last status, next attempt.")
public class WebhookDeliveriesCommand extends WebhookCommand {

    @Reference
    DeliveryService deliveries;

    @Option(name = "--status", aliases = "-s", description = "Only pending, delivered or failed deliveries")
    @Completion(value = StringsCompleter.class, values = {"pending", "delivered", "failed"})
    String status;

    @Option(name = "--limit", aliases = "-n", description = "How many (1..500). Default: 20")
    String limit;

    @Option(name = "--attempts", aliases = "-a", description = "true prints every attempt of each delivery")
    String attempts;

    @Argument(index = 1, name = "options", multiValued = true,
            description = "Options may also follow the id, as in: hub:webhook-deliveries ID --status failed")
    List<String> trailing;

    @Override
    protected void run(Endpoint endpoint) {
        TrailingOptions t = TrailingOptions.parser().option("--status", "-s").option("--limit", "-n")
                .option("--attempts", "-a").parse(trailing);
        DeliveryStatus s = OptionValues.oneOf("status", t.last("--status", status), DeliveryStatus.class);
        int n = OptionValues.number("limit", t.last("--limit", limit), 1, 500, 20);
        boolean withAttempts = Boolean.TRUE.equals(WebhookAddCommand.tls(t.last("--attempts", attempts)));
        DeliveryPage page = deliveries.list(new DeliveryQuery("webhook", id, s, null, n));
        ShellTable table = Tables.of("Delivery", "Event", "Type", "Ticket", "State", "Attempts", "Last status",
                "Last error", "Next attempt");
        for (Delivery d : page.items()) {
            table.addRow().addContent(d.id(), d.eventId(), d.eventType(), d.ticketId(), d.status(), d.attempts(),
                    Tables.orDash(d.lastStatusCode()), Tables.orDash(d.lastError()), Tables.orDash(d.nextAttemptAt()));
        }
        table.print(System.out);
        if (withAttempts) {
            page.items().forEach(this::printAttempts);
        }
        if (page.nextCursor() != null) {
            System.out.println("(more: raise --limit, or page with GET /api/v1/webhooks/" + id + "/deliveries)");
        }
    }

    private void printAttempts(Delivery d) {
        System.out.println(d.id() + ":");
        for (DeliveryAttempt a : deliveries.attempts(d.id())) {
            System.out.println("  #" + a.attempt() + " " + a.attemptedAt() + " " + a.result() + " status "
                    + Tables.orDash(a.statusCode()) + " in " + Tables.orDash(a.durationMillis()) + " ms"
                    + (a.error() == null ? "" : " error: " + a.error())
                    + (a.nextAttemptAt() == null ? "" : " next: " + a.nextAttemptAt()));
        }
    }
}
