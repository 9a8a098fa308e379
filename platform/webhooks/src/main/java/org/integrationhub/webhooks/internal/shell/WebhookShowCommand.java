package org.integrationhub.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStats;
import org.integrationhub.shell.support.Tables;
import org.integrationhub.webhooks.internal.Endpoint;

/** Shows one webhook endpoint (never its secret). */
@Service
@Command(scope = "hub", name = "webhook-show", description = "Shows a webhook endpoint: settings, state, secret rotation, delivery counters.")
public class WebhookShowCommand extends WebhookCommand {

    @Reference
    DeliveryService deliveries;

    @Override
    protected void run(Endpoint e) {
        print(e);
        DeliveryStats s = deliveries.stats("webhook", e.id());
        System.out.println("  deliveries:      " + s.pending() + " pending, " + s.delivered() + " delivered, "
                + s.failed() + " failed" + (s.oldestPendingCreatedAt() == null ? ""
                        : " (oldest pending from " + s.oldestPendingCreatedAt() + ")"));
    }

    static void print(Endpoint e) {
        System.out.println("  id:              " + e.id());
        System.out.println("  url:             " + e.url());
        System.out.println("  events:          " + String.join(" ", e.events()));
        System.out.println("  description:     " + Tables.orDash(e.description()));
        System.out.println("  headers:         " + (e.headers().isEmpty() ? "-" : String.join(", ", e.headers().keySet())));
        System.out.println("  rate limit:      " + (e.rateLimit() == null ? "unlimited" : e.rateLimit() + "/s"));
        System.out.println("  retry schedule:  " + e.retrySchedule());
        System.out.println("  tls verify:      " + e.tlsVerify());
        System.out.println("  state:           " + WebhookListCommand.state(e));
        if (e.previousSecretUntil() != null) {
            System.out.println("  previous secret: signs until " + e.previousSecretUntil());
        }
        System.out.println("  created:         " + e.createdAt());
    }
}
