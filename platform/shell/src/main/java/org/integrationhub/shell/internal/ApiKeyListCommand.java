package org.integrationhub.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.integrationhub.security.ApiKeyInfo;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.security.Scopes;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.Tables;

/** Lists API keys (never the keys themselves). */
@Service
@Command(scope = "hub", name = "apikey-list", description = "Lists API keys: id, name, key prefix, scopes, rate limit, last use.")
public class ApiKeyListCommand extends HubCommand {

    @Reference
    ApiKeyService apiKeys;

    @Option(name = "--all", aliases = "-a", description = "Include revoked keys")
    boolean all;

    @Override
    protected void run() {
        ShellTable table = Tables.of("ID", "Name", "Prefix", "Scopes", "Rate limit", "Created", "Last used", "State");
        for (ApiKeyInfo key : apiKeys.list()) {
            if (key.isRevoked() && !all) {
                continue;
            }
            table.addRow().addContent(key.id(), key.name(), key.prefix() + "…", Scopes.format(key.scopes()),
                    formatLimit(key.rateLimit()), key.createdAt(), key.lastUsedAt() == null ? "never" : key.lastUsedAt(),
                    key.isRevoked() ? "revoked " + key.revokedAt() : "active");
        }
        table.print(System.out);
    }

    static String formatLimit(Integer limit) {
        if (limit == null) {
            return "default";
        }
        return limit == 0 ? "unlimited" : limit + "/min";
    }
}
