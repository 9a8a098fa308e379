package org.integrationhub.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.integrationhub.security.ApiKeyInfo;
import org.integrationhub.security.ApiKeyService;

/** Completes the ids of active API keys. */
@Service
public class ApiKeyIdCompleter implements Completer {

    @Reference
    ApiKeyService apiKeys;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (ApiKeyInfo key : apiKeys.list()) {
            if (!key.isRevoked()) {
                delegate.getStrings().add(key.id());
            }
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
