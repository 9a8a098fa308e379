package org.integrationhub.oauth2.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.oauth2.internal.OAuthClient;
import org.integrationhub.security.Scopes;
import org.integrationhub.shell.support.CommandErrors;

/** Shows one OAuth2 client (never its secret). */
@Service
@Command(scope = "hub", name = "oauth-client-show", description = "Shows an OAuth2 client's registration.")
public class OAuthClientShowCommand extends OAuthClientCommand {

    @Override
    protected void run() throws Exception {
        OAuthClient client = server.clients().find(id).orElseThrow(() -> CommandErrors.notFound(
                "OAuth2 client with id '" + id + "'", "hub:oauth-client-list"));
        System.out.println("  client_id:     " + client.id());
        print(client);
    }

    static void print(OAuthClient c) {
        System.out.println("  name:          " + c.name());
        System.out.println("  type:          " + (c.publicClient() ? "public (PKCE, no secret)" : "confidential"));
        System.out.println("  grants:        " + Scopes.format(c.grantTypes()));
        System.out.println("  scopes:        " + Scopes.format(c.scopes()));
        System.out.println("  redirect URIs: " + (c.redirectUris().isEmpty() ? "-" : String.join(" ", c.redirectUris())));
        System.out.println("  created:       " + c.createdAt());
        System.out.println("  status:        " + (c.isRevoked() ? "revoked " + c.revokedAt() : "active"));
    }
}
