package org.integrationhub.gateway.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.gateway.IntegrationConfigurations;

/** Deletes a connector instance's configuration (and its file). */
@Service
@Command(scope = "hub", name = "integration-remove", description = "Deletes a connector instance: its configuration and its file in etc/. Its events still waiting are kept and listed by hub:integration-events.")
public class IntegrationRemoveCommand extends IntegrationCommand {

    @Reference
    IntegrationConfigurations configurations;

    @Override
    protected void run() throws Exception {
        configurations.remove(name);
        System.out.println("Integration " + name + " removed");
    }
}
