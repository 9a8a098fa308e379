package org.integrationhub.gateway.internal.shell;

import java.util.Collection;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.gateway.IntegrationConfigurations;
import org.integrationhub.shell.support.ValuesCompleter;

/** Completes installed connector type names. */
@Service
public class ConnectorTypeCompleter extends ValuesCompleter {

    @Reference
    IntegrationConfigurations configurations;

    @Override
    protected Collection<String> values() {
        return configurations.types().stream().map(ConnectorType::type).toList();
    }
}
