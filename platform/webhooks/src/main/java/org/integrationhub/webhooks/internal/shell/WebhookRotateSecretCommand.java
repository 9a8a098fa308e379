package org.integrationhub.webhooks.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.webhooks.internal.Endpoint;
import org.integrationhub.webhooks.internal.WebhookRegistry;

/** Rotates a webhook's secret and prints the new one once. */
@Service
@Command(scope = "hub", name = "webhook-rotate-secret", description = "Generates a new signing secret and prints it once; the old one keeps signing alongside for the overlap period.")
public class WebhookRotateSecretCommand extends WebhookCommand {

    @Override
    protected void run(Endpoint endpoint) {
        WebhookRegistry.Created c = registry.rotate(id);
        System.out.println("Secret rotated. Copy the new secret now: it is not shown again.");
        System.out.println();
        System.out.println("  secret:          " + c.secret());
        System.out.println("  previous secret: keeps signing until " + c.endpoint().previousSecretUntil());
    }
}
