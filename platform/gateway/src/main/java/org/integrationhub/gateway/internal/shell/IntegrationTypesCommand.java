package org.integrationhub.gateway.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.gateway.ConfigurationKey;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.gateway.IntegrationConfigurations;

/** Lists the installed connector types and their configuration keys. */
@Service
@Command(scope = "hub", name = "integration-types", description = "Lists the installed connector types with their configuration keys (hub:integration-add TYPE NAME key=value... creates an instance).")
public class IntegrationTypesCommand implements Action {

    @Reference
    IntegrationConfigurations configurations;

    @Argument(index = 0, name = "type", description = "Show only this type", required = false)
    @Completion(ConnectorTypeCompleter.class)
    String type;

    @Override
    public Object execute() throws CommandException {
        if (configurations.types().isEmpty()) {
            System.out.println("No connector type is installed.");
            return null;
        }
        for (ConnectorType t : configurations.types()) {
            if (type != null && !type.equals(t.type())) {
                continue;
            }
            System.out.println(t.type() + " - " + t.name() + " (" + t.bundle() + ", factory PID " + t.factoryPid() + ")");
            if (t.description() != null && !t.description().isBlank()) {
                System.out.println("  " + t.description());
            }
            ShellTable table = new ShellTable();
            table.column("Key");
            table.column("Type");
            table.column("Default");
            table.column("Required");
            table.column("Secret");
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
            throw new CommandException("No connector type '" + type + "' is installed");
        }
        return null;
    }
}
