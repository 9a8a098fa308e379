package org.integrationhub.gateway.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.gateway.IntegrationConfigurations;
import org.integrationhub.shell.support.CommandErrors;

/** Deletes a connector instance's configuration (and its file). */
@Service
@Command(scope = "hub", name = "integration-remove", description = "Deletes a connector instance: its configuration and its file in etc/. Its events still waiting are kept and listed by hub:integration-events.")
public class IntegrationRemoveCommand implements Action {

    @Reference
    IntegrationConfigurations configurations;

    @Argument(index = 0, name = "name", description = "The integration (connector instance) name", required = true)
    @Completion(IntegrationNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        return CommandErrors.run(() -> {
            configurations.remove(name);
            System.out.println("Integration " + name + " removed");
        });
    }
}
