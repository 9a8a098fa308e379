package org.integrationhub.oauth2.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.oauth2.internal.AuthorizationServer;
import org.integrationhub.oauth2.internal.OAuthClient;
import org.integrationhub.security.Scopes;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.Tables;

/** Lists the OAuth2 clients. */
@Service
@Command(scope = "hub", name = "oauth-client-list", description = "Lists the registered OAuth2 clients.")
public class OAuthClientListCommand extends HubCommand {

    @Reference
    AuthorizationServer server;

    @Override
    protected void run() {
        ShellTable table = Tables.of("client_id", "name", "type", "grants", "scopes", "status");
        for (OAuthClient c : server.clients().list()) {
            table.addRow().addContent(c.id(), c.name(), c.publicClient() ? "public" : "confidential",
                    Scopes.format(c.grantTypes()), Scopes.format(c.scopes()), c.isRevoked() ? "revoked" : "active");
        }
        table.print(System.out);
    }
}
