package org.integrationhub.webhooks.internal.shell;

import org.integrationhub.shell.support.TrailingOptions;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.api.ValidationException;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryPage;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.webhooks.internal.WebhookRegistry;

/** Lists a webhook's deliveries, newest first, optionally with every attempt. */
@Service
@Command(scope = "hub", name = "webhook-deliveries", description = "Lists a webhook's deliveries, newest first: event, state, attempts, last status, next attempt.")
public class WebhookDeliveriesCommand implements Action {

    @Reference
    WebhookRegistry registry;

    @Reference
    DeliveryService deliveries;

    @Argument(index = 0, name = "id", required = true, description = "The webhook id")
    @Completion(WebhookIdCompleter.class)
    String id;

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
    public Object execute() {
        try {
            TrailingOptions t = TrailingOptions.parse(trailing, List.of("--status", "-s"), List.of("--limit", "-n"),
                    List.of("--attempts", "-a"));
            WebhookShowCommand.find(registry, id);
            DeliveryStatus s = status(Messages.last(t.values("--status"), status));
            int n = limit(Messages.last(t.values("--limit"), limit));
            boolean withAttempts = Boolean.TRUE.equals(WebhookAddCommand.tls(Messages.last(t.values("--attempts"),
                    attempts)));
            DeliveryPage page = deliveries.list(new DeliveryQuery("webhook", id, s, null, n));
            ShellTable table = new ShellTable();
            for (String c : List.of("Delivery", "Event", "Type", "Ticket", "State", "Attempts", "Last status",
                    "Last error", "Next attempt")) {
                table.column(c);
            }
            for (Delivery d : page.items()) {
                table.addRow().addContent(d.id(), d.eventId(), d.eventType(), d.ticketId(), d.status(), d.attempts(),
                        Messages.orDash(d.lastStatusCode()), Messages.orDash(d.lastError()),
                        Messages.orDash(d.nextAttemptAt()));
            }
            table.print(System.out);
            if (withAttempts) {
                for (Delivery d : page.items()) {
                    System.out.println(d.id() + ":");
                    for (DeliveryAttempt a : deliveries.attempts(d.id())) {
                        System.out.println("  #" + a.attempt() + " " + a.attemptedAt() + " " + a.result() + " status "
                                + Messages.orDash(a.statusCode()) + " in " + Messages.orDash(a.durationMillis()) + " ms"
                                + (a.error() == null ? "" : " error: " + a.error())
                                + (a.nextAttemptAt() == null ? "" : " next: " + a.nextAttemptAt()));
                    }
                }
            }
            if (page.nextCursor() != null) {
                System.out.println("(more: raise --limit, or page with GET /api/v1/webhooks/" + id + "/deliveries)");
            }
        } catch (ValidationException e) {
            throw new IllegalArgumentException(Messages.of(e));
        }
        return null;
    }

    private static DeliveryStatus status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "must be pending, delivered or failed, not '" + value + "'");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return 20;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 500) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ValidationException("limit", "must be a number between 1 and 500, not '" + value + "'");
    }
}
