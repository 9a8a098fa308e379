package org.integrationhub.gateway.internal.shell;

import java.util.Collection;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.shell.support.ValuesCompleter;

/** Completes integration names. */
@Service
public class IntegrationNameCompleter extends ValuesCompleter {

    @Reference
    IntegrationGateway gateway;

    @Override
    protected Collection<String> values() {
        return gateway.list().stream().map(IntegrationInfo::name).toList();
    }
}
