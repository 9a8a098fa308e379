package org.integrationhub.shell.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.integrationhub.api.ValidationException;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.security.CreatedApiKey;
import org.integrationhub.security.Scopes;
import org.integrationhub.shell.support.HubCommand;
import org.integrationhub.shell.support.TrailingOptions;

/** Creates an API key and prints it once. */
@Service
@Command(scope = "hub", name = "apikey-create", description = "Creates an API key for the REST API and prints it once (only its hash is stored).")
public class ApiKeyCreateCommand extends HubCommand {

    /** Scopes a key gets when none is given. */
    static final List<String> DEFAULT_SCOPES = List.of(Scopes.TICKETS_READ, Scopes.TICKETS_WRITE);

    @Reference
    ApiKeyService apiKeys;

    @Argument(index = 0, name = "name", description = "A name for the key, e.g. the application that will use it", required = true)
    String name;

    @Option(name = "--scope", aliases = "-s", multiValued = true,
            description = "A scope to grant (repeatable): tickets:read tickets:write webhooks:manage integrations:read integrations:execute metrics:read admin. Default: tickets:read tickets:write")
    @Completion(ScopeCompleter.class)
    List<String> scopes;

    @Option(name = "--rate-limit", aliases = "-r",
            description = "Requests per minute for this key, or 'unlimited'. Default: the hub-wide limit")
    String rateLimit;

    @Argument(index = 1, name = "options", multiValued = true,
            description = "Options may also follow the name, as in: hub:apikey-create NAME --scope S --rate-limit N")
    List<String> trailing;

    @Override
    protected void run() throws Exception {
        TrailingOptions extra = TrailingOptions.parser().option("--scope", "-s").option("--rate-limit", "-r")
                .parse(trailing);
        List<String> scopeList = extra.merge("--scope", scopes);
        Integer limit = parseRateLimit(extra.last("--rate-limit", rateLimit));
        Set<String> granted = Scopes.validate(scopeList.isEmpty() ? DEFAULT_SCOPES : scopeList, "scope");
        CreatedApiKey created = apiKeys.create(name, granted, limit);
        System.out.println("API key created. Copy it now: it is not shown again.");
        System.out.println();
        System.out.println("  key:        " + created.key());
        System.out.println("  id:         " + created.info().id());
        System.out.println("  name:       " + created.info().name());
        System.out.println("  scopes:     " + Scopes.format(created.info().scopes()));
        System.out.println("  rate limit: " + ApiKeyListCommand.formatLimit(created.info().rateLimit()));
    }

    static Integer parseRateLimit(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.trim().toLowerCase(Locale.ROOT).equals("unlimited")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ValidationException("rate-limit", "must be a positive number of requests per minute or 'unlimited', not '" + value + "'");
        }
    }
}
