package org.integrationhub.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.shell.support.CommandErrors;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.webhooks.internal.Endpoint;
import org.integrationhub.webhooks.internal.WebhookRegistry;

/** Base of the commands on one webhook endpoint: its id argument (completed) and the one lookup of it. */
abstract class WebhookCommand extends HubCommand {

    @Reference
    WebhookRegistry registry;

    @Argument(index = 0, name = "id", required = true, description = "The webhook id")
    @Completion(WebhookIdCompleter.class)
    String id;

    @Override
    protected final void run() throws Exception {
        run(find(registry, id));
    }

    /** @param endpoint the endpoint the id names */
    protected abstract void run(Endpoint endpoint) throws Exception;

    /** @return the endpoint @throws IllegalArgumentException the one "no webhook" refusal */
    static Endpoint find(WebhookRegistry registry, String id) {
        try {
            return registry.get(id);
        } catch (NotFoundException x) {
            throw CommandErrors.notFound("webhook with id " + id, "hub:webhook-list");
        }
    }
}
