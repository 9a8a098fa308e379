package org.integrationhub.oauth2.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.shell.support.CommandErrors;

/** Revokes an OAuth2 client: it cannot get tokens, and its access tokens stop working. */
@Service
@Command(scope = "hub", name = "oauth-client-revoke", description = "Revokes an OAuth2 client: no new tokens, and "
        + "its access tokens are refused from now on.")
public class OAuthClientRevokeCommand extends OAuthClientCommand {

    @Override
    protected void run() throws Exception {
        if (!server.clients().revoke(id)) {
            throw CommandErrors.notFound("active OAuth2 client with id '" + id + "'", "hub:oauth-client-list");
        }
        System.out.println("OAuth2 client " + id + " revoked.");
    }
}
