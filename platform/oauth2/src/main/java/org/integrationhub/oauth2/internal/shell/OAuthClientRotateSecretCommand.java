package org.integrationhub.oauth2.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.oauth2.internal.AuthorizationServer;
import org.integrationhub.shell.support.CommandErrors;

/** Replaces a confidential client's secret and prints the new one once. */
@Service
@Command(scope = "hub", name = "oauth-client-rotate-secret", description = "Replaces a confidential client's secret "
        + "(the old one stops working at once) and prints the new one once.")
public class OAuthClientRotateSecretCommand implements Action {

    @Reference
    AuthorizationServer server;

    @Argument(index = 0, name = "client_id", description = "The client's id", required = true)
    String id;

    @Override
    public Object execute() throws Exception {
        return CommandErrors.run(() -> {
            String secret = server.clients().rotateSecret(id).orElseThrow(() -> CommandErrors.notFound(
                    "active confidential OAuth2 client with id '" + id + "'", "hub:oauth-client-list"));
            System.out.println("New secret. Copy it now: it is not shown again.");
            System.out.println();
            System.out.println("  client_secret: " + secret);
        });
    }
}
