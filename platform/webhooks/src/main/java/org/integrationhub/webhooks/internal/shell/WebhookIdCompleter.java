package org.integrationhub.webhooks.internal.shell;

import java.util.Collection;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.shell.support.ValuesCompleter;
import org.integrationhub.webhooks.internal.Endpoint;
import org.integrationhub.webhooks.internal.WebhookRegistry;

/** Completes webhook endpoint ids. */
@Service
public class WebhookIdCompleter extends ValuesCompleter {

    @Reference
    WebhookRegistry registry;

    @Override
    protected Collection<String> values() {
        return registry.list().stream().map(Endpoint::id).toList();
    }
}
