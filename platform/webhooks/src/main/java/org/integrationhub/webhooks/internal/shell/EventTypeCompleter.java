package org.integrationhub.webhooks.internal.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.api.EventType;
import org.integrationhub.shell.support.ValuesCompleter;

/** Completes event type wire names (and {@code *}). */
@Service
public class EventTypeCompleter extends ValuesCompleter {

    @Override
    protected Collection<String> values() {
        List<String> names = new ArrayList<>(List.of("*"));
        for (EventType t : EventType.values()) {
            names.add(t.wireName());
        }
        return names;
    }
}
