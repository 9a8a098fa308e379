package org.integrationhub.gateway.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.gateway.IntegrationConfigurations;

/** Completes installed connector type names. */
@Service
public class ConnectorTypeCompleter implements Completer {

    @Reference
    IntegrationConfigurations configurations;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (ConnectorType t : configurations.types()) {
            delegate.getStrings().add(t.type());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
