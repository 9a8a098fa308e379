package org.integrationhub.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStats;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.Tables;
import org.integrationhub.webhooks.internal.Endpoint;
import org.integrationhub.webhooks.internal.WebhookRegistry;

/** Lists webhook endpoints with their delivery counters (never their secrets). */
@Service
@Command(scope = "hub", name = "webhook-list", description = "Lists webhook endpoints: id, URL, events, state, delivery counters.")
public class WebhookListCommand extends HubCommand {

    @Reference
    WebhookRegistry registry;

    @Reference
    DeliveryService deliveries;

    @Override
    protected void run() {
        ShellTable table = Tables.of("ID", "URL", "Events", "State", "Pending", "Delivered", "Failed");
        for (Endpoint e : registry.list()) {
            DeliveryStats s = deliveries.stats("webhook", e.id());
            table.addRow().addContent(e.id(), e.url(), String.join(" ", e.events()), state(e), s.pending(),
                    s.delivered(), s.failed());
        }
        table.print(System.out);
    }

    static String state(Endpoint e) {
        return e.disabled() ? "disabled: " + e.disabledReason()
                : e.failingSince() != null ? "failing since " + e.failingSince() : "active";
    }
}
