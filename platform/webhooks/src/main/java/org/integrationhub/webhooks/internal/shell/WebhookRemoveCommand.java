package org.integrationhub.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.webhooks.internal.Endpoint;

/** Removes a webhook endpoint; its pending deliveries are cancelled. */
@Service
@Command(scope = "hub", name = "webhook-remove", description = "Removes a webhook endpoint; its pending deliveries are cancelled.")
public class WebhookRemoveCommand extends WebhookCommand {

    @Override
    protected void run(Endpoint endpoint) {
        registry.delete(id);
        System.out.println("Webhook " + id + " removed.");
    }
}
