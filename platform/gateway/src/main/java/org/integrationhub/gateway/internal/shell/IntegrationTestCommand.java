package org.integrationhub.gateway.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.gateway.GatewayException;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.spi.HealthResult;

/** Tests one integration's connection now. */
@Service
@Command(scope = "hub", name = "integration-test", description = "Tests the connection of an integration now (its cheapest authenticated remote call) and prints the status found.")
public class IntegrationTestCommand extends IntegrationCommand {

    @Reference
    IntegrationGateway gateway;

    @Override
    protected void run() throws Exception {
        try {
            HealthResult result = gateway.test(name);
            System.out.println(result.status() + " - " + result.detail());
        } catch (GatewayException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
