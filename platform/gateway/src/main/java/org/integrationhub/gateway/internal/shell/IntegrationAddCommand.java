package org.integrationhub.gateway.internal.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.gateway.InstanceConfiguration;
import org.integrationhub.gateway.IntegrationConfigurations;
import org.integrationhub.shell.support.HubCommand;

/** Creates a connector instance (a factory configuration checked against the type's keys). */
@Service
@Command(scope = "hub", name = "integration-add", description = "Creates a connector instance: hub:integration-add TYPE NAME key=value... (keys: hub:integration-types TYPE; secrets start with a dot, env:NAME reads an environment variable; the file etc/<factory PID>-<NAME>.cfg holds it).")
public class IntegrationAddCommand extends HubCommand {

    @Reference
    IntegrationConfigurations configurations;

    @Argument(index = 0, name = "type", description = "The connector type (hub:integration-types)", required = true)
    @Completion(ConnectorTypeCompleter.class)
    String type;

    @Argument(index = 1, name = "name", description = "The instance name, unique in the hub: [a-z0-9][a-z0-9_-]*", required = true)
    String name;

    @Argument(index = 2, name = "values", multiValued = true, description = "Configuration as key=value (several values comma-separated; key= for the default, integration.events= for no events)")
    List<String> values;

    @Override
    protected void run() throws Exception {
        // Karaf names the command's thread after the whole command line ("pipe-hub:integration-add ... .token=..."),
        // and the log pattern prints thread names: anything logged while the instance is created would carry the
        // secrets typed here into karaf.log. The thread goes by the command's name until it is done.
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName("hub:integration-add");
        try {
            create();
        } finally {
            thread.setName(threadName);
        }
    }

    private void create() throws CommandException {
        InstanceConfiguration created;
        try {
            created = configurations.create(type, name, parse(values));
        } catch (ValidationException e) {
            throw new CommandException(Messages.invalidConfiguration(e));
        }
        System.out.println("Integration " + created.name() + " (" + created.type() + ") created"
                + (created.file() == null ? "" : " in " + created.file()));
        Messages.print(created);
    }

    /** @return key=value arguments by key; a value may contain '=' */
    static Map<String, String> parse(List<String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values == null ? List.<String>of() : values) {
            int eq = v.indexOf('=');
            if (eq < 1) {
                // never repeat the argument: it may be a secret typed without its key
                throw new IllegalArgumentException("Every configuration argument is key=value; argument "
                        + (out.size() + 1) + " is not");
            }
            String key = v.substring(0, eq).trim();
            if (out.put(key, v.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("Key " + key + " is given twice");
            }
        }
        return out;
    }
}
