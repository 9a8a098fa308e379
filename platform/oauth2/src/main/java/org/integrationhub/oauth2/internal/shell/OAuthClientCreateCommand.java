package org.integrationhub.oauth2.internal.shell;

import java.util.LinkedHashSet;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.oauth2.internal.AuthorizationServer;
import org.integrationhub.oauth2.internal.ClientRegistry;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.TrailingOptions;

/** Registers an OAuth2 client and prints its id and (confidential clients) secret once. */
@Service
@Command(scope = "hub", name = "oauth-client-create", description = "Registers an OAuth2 client; prints client_id and, "
        + "for confidential clients, client_secret once (only its hash is stored).")
public class OAuthClientCreateCommand extends HubCommand {

    @Reference
    AuthorizationServer server;

    @Argument(index = 0, name = "name", description = "A name for the client application", required = true)
    String name;

    @Option(name = "--grant", aliases = "-g", multiValued = true,
            description = "Allowed grant (repeatable): authorization_code refresh_token client_credentials")
    List<String> grants;

    @Option(name = "--redirect-uri", aliases = "-r", multiValued = true,
            description = "Registered redirect URI (repeatable; compared exactly, any port for loopback http)")
    List<String> redirectUris;

    @Option(name = "--scope", aliases = "-s", multiValued = true,
            description = "Scope the client may obtain (repeatable): tickets:read tickets:write webhooks:manage "
                    + "integrations:read integrations:execute admin")
    List<String> scopes;

    @Option(name = "--public", description = "A public client (native or browser app): no secret, PKCE only")
    boolean publicClient;

    @Argument(index = 1, name = "options", multiValued = true,
            description = "Options may also follow the name: hub:oauth-client-create NAME --grant G --scope S ...")
    List<String> trailing;

    @Override
    protected void run() throws Exception {
        TrailingOptions extra = TrailingOptions.parser().option("--grant", "-g").option("--redirect-uri", "-r")
                .option("--scope", "-s").flag("--public").parse(trailing);
        ClientRegistry.Created created = server.clients().create(name,
                new LinkedHashSet<>(extra.merge("--grant", grants)), extra.merge("--redirect-uri", redirectUris),
                new LinkedHashSet<>(extra.merge("--scope", scopes)), extra.flag("--public", publicClient));
        System.out.println("OAuth2 client registered." + (created.secret() == null ? ""
                : " Copy the secret now: it is not shown again."));
        System.out.println();
        System.out.println("  client_id:     " + created.client().id());
        if (created.secret() != null) {
            System.out.println("  client_secret: " + created.secret());
        }
        OAuthClientShowCommand.print(created.client());
    }
}
