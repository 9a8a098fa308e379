package org.integrationhub.oauth2.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.oauth2.internal.AuthorizationServer;
import org.integrationhub.shell.support.HubCommand;

/** Rotates the token signing key; the previous one stays in the JWKS until its tokens have expired. */
@Service
@Command(scope = "hub", name = "oauth-keys-rotate", description = "Creates a new RS256 signing key for access tokens; "
        + "the previous key stays published until the tokens it signed have expired.")
public class OAuthKeysRotateCommand extends HubCommand {

    @Reference
    AuthorizationServer server;

    @Override
    protected void run() {
        String kid = server.keys().rotate();
        System.out.println("New signing key " + kid + " is active; the previous key stays in the JWKS for "
                + server.settings().accessTokenLifetime().plusMinutes(1).toMinutes() + " minutes.");
    }
}
