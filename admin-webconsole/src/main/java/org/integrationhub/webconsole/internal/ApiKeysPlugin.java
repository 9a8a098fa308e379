package org.integrationhub.webconsole.internal;

import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;

import org.integrationhub.security.ApiKeyInfo;
import org.integrationhub.security.ApiKeyService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Web console page "API keys": lists the keys (never a key itself) and revokes them; keys are created in the shell. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=" + ApiKeysPlugin.LABEL,
        "felix.webconsole.title=API keys", "felix.webconsole.category=" + ConsolePlugin.CATEGORY,
        "felix.webconsole.css=/" + ApiKeysPlugin.LABEL + "/res/hub.css"})
public class ApiKeysPlugin extends ConsolePlugin {

    static final String LABEL = "hub-apikeys";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile ApiKeyService keys;

    public ApiKeysPlugin() {
        super(LABEL);
    }

    @Override
    void render(Page page, HttpServletRequest request) {
        page.heading(page.msg("apikeys.title"));
        page.paragraph(page.msg("apikeys.create"));
        page.code("hub:apikey-create NAME --scope tickets:read [--scope ...] [--rate-limit N|unlimited]");
        ApiKeyService service = keys;
        if (service == null) {
            page.notInstalled(page.msg("apikeys.service"));
            return;
        }
        page.tableStart("hub-apikeys-table", page.msg("col.id"), page.msg("col.name"), page.msg("col.prefix"),
                page.msg("col.scopes"), page.msg("col.rateLimit"), page.msg("col.created"), page.msg("col.lastUsed"),
                page.msg("col.state"), "");
        for (ApiKeyInfo k : service.list()) {
            Object action = k.isRevoked() ? ""
                    : page.button("revoke", page.msg("apikeys.revoke"), Map.of("id", k.id()),
                            page.msg("apikeys.revoke.confirm", k.name()));
            page.row(k.id(), k.name(), k.prefix() + "\u2026", Html.list(k.scopes()), rateLimit(page, k.rateLimit()),
                    Html.time(k.createdAt()), Html.time(k.lastUsedAt()),
                    k.isRevoked() ? page.msg("state.revokedAt", Html.time(k.revokedAt())) : page.msg("state.active"),
                    action);
        }
        page.tableEnd();
    }

    private static String rateLimit(Page page, Integer limit) {
        return limit == null ? page.msg("apikeys.rateLimit.default")
                : limit == 0 ? page.msg("apikeys.rateLimit.unlimited") : page.msg("apikeys.rateLimit.perMinute", limit);
    }

    @Override
    Result act(String action, HttpServletRequest request) {
        if (!"revoke".equals(action)) {
            throw new IllegalArgumentException("unknown action " + action);
        }
        ApiKeyService service = keys;
        if (service == null) {
            throw new IllegalStateException("the API key service is not running");
        }
        String id = param(request, "id");
        if (!service.revoke(id)) {
            throw new IllegalArgumentException("no valid API key with id " + id);
        }
        return new Result("result.apikey.revoked", id);
    }
}
