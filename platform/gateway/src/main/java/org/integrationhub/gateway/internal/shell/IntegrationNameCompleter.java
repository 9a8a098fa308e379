package org.integrationhub.gateway.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;

/** Completes integration names. */
@Service
public class IntegrationNameCompleter implements Completer {

    @Reference
    IntegrationGateway gateway;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (IntegrationInfo info : gateway.list()) {
            delegate.getStrings().add(info.name());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
