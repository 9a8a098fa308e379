package org.integrationhub.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.shell.support.CommandErrors;
import org.integrationhub.shell.support.HubCommand;

/** Revokes an API key; requests with it are refused from then on. */
@Service
@Command(scope = "hub", name = "apikey-revoke", description = "Revokes an API key: requests with it get 401 from then on.")
public class ApiKeyRevokeCommand extends HubCommand {

    @Reference
    ApiKeyService apiKeys;

    @Argument(index = 0, name = "id", description = "The key's id (see hub:apikey-list)", required = true)
    @Completion(ApiKeyIdCompleter.class)
    String id;

    @Override
    protected void run() throws Exception {
        if (!apiKeys.revoke(id)) {
            throw CommandErrors.notFound("active API key with id " + id, "hub:apikey-list --all");
        }
        System.out.println("API key " + id + " revoked.");
    }
}
