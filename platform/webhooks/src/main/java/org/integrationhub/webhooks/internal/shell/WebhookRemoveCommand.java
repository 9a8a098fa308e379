package org.integrationhub.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.shell.support.CommandErrors;
import org.integrationhub.webhooks.internal.WebhookRegistry;

/** Removes a webhook endpoint; its pending deliveries are cancelled. */
@Service
@Command(scope = "hub", name = "webhook-remove", description = "Removes a webhook endpoint; its pending deliveries are cancelled.")
public class WebhookRemoveCommand implements Action {

    @Reference
    WebhookRegistry registry;

    @Argument(index = 0, name = "id", required = true, description = "The webhook id")
    @Completion(WebhookIdCompleter.class)
    String id;

    @Override
    public Object execute() throws Exception {
        return CommandErrors.run(() -> {
            WebhookShowCommand.find(registry, id);
            registry.delete(id);
            System.out.println("Webhook " + id + " removed.");
        });
    }
}
