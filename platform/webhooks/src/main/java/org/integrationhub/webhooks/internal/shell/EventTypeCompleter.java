package org.integrationhub.webhooks.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.integrationhub.api.EventType;

/** Completes event type wire names (and {@code *}). */
@Service
public class EventTypeCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        delegate.getStrings().add("*");
        for (EventType t : EventType.values()) {
            delegate.getStrings().add(t.wireName());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
