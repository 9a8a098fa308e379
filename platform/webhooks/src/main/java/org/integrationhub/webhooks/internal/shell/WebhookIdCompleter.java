package org.integrationhub.webhooks.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.integrationhub.webhooks.internal.Endpoint;
import org.integrationhub.webhooks.internal.WebhookRegistry;

/** Completes webhook endpoint ids. */
@Service
public class WebhookIdCompleter implements Completer {

    @Reference
    WebhookRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (Endpoint e : registry.list()) {
            delegate.getStrings().add(e.id());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
