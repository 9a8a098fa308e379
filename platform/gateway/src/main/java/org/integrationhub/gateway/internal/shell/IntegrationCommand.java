package org.integrationhub.gateway.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.integrationhub.shell.support.HubCommand;

/** Base of the commands on one integration (connector instance): its name argument, completed. */
abstract class IntegrationCommand extends HubCommand {

    @Argument(index = 0, name = "name", description = "The integration (connector instance) name", required = true)
    @Completion(IntegrationNameCompleter.class)
    String name;
}
