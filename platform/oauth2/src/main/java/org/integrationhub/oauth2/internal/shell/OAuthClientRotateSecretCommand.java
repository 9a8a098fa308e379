package org.integrationhub.oauth2.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.shell.support.CommandErrors;

/** Replaces a confidential client's secret and prints the new one once. */
@Service
@Command(scope = "hub", name = "oauth-client-rotate-secret", description = "Replaces a confidential client's secret "
        + "(the old one stops working at once) and prints the new one once.")
public class OAuthClientRotateSecretCommand extends OAuthClientCommand {

    @Override
    protected void run() throws Exception {
        String secret = server.clients().rotateSecret(id).orElseThrow(() -> CommandErrors.notFound(
                "active confidential OAuth2 client with id '" + id + "'", "hub:oauth-client-list"));
        System.out.println("New secret. Copy it now: it is not shown again.");
        System.out.println();
        System.out.println("  client_secret: " + secret);
    }
}
