package org.integrationhub.oauth2.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.integrationhub.oauth2.internal.AuthorizationServer;
import org.integrationhub.shell.support.HubCommand;

/** Base of the commands on one OAuth2 client: the authorization server and the client_id argument. */
abstract class OAuthClientCommand extends HubCommand {

    @Reference
    AuthorizationServer server;

    @Argument(index = 0, name = "client_id", description = "The client's id", required = true)
    String id;
}
