package org.integrationhub.gateway.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.gateway.ConfigurationKey;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.gateway.IntegrationConfigurations;
import org.integrationhub.shell.support.CommandErrors;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.Tables;

/** Lists the installed connector types and their configuration keys. */
@Service
@Command(scope = "hub", name = "integration-types", description = "Lists the installed connector types with their configuration keys (hub:integration-add TYPE NAME key=value... creates an instance).")
public class IntegrationTypesCommand extends HubCommand {

    @Reference
    IntegrationConfigurations configurations;

    @Argument(index = 0, name = "type", description = "Show only this type", required = false)
    @Completion(ConnectorTypeCompleter.class)
    String type;

    @Override
    protected void run() {
        if (configurations.types().isEmpty()) {
            System.out.println("No connector type is installed.");
            return;
        }
        for (ConnectorType t : configurations.types()) {
            if (type != null && !type.equals(t.type())) {
                continue;
            }
            System.out.println(t.type() + " - " + t.name() + " (" + t.bundle() + ", factory PID " + t.factoryPid() + ")");
            if (t.description() != null && !t.description().isBlank()) {
                System.out.println("  " + t.description());
            }
            ShellTable table = Tables.of("Key", "Type", "Default", "Required", "Secret");
            table.column("Description").maxSize(60);
            for (ConfigurationKey k : t.keys()) {
                if (k.id().equals("integration.name")) {
                    continue; // NAME of hub:integration-add
                }
                table.addRow().addContent(k.id(), k.type() + (k.multiple() ? "[]" : ""), String.join(", ", k.defaults()),
                        k.required() ? "yes" : "", k.secret() ? "yes" : "", k.description() == null ? "" : k.description());
            }
            table.print(System.out);
            System.out.println();
        }
        if (type != null && configurations.type(type).isEmpty()) {
            throw CommandErrors.notFound("connector type '" + type + "' is installed", null);
        }
    }
}
