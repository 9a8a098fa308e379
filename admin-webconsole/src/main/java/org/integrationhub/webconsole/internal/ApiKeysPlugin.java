package org.integrationhub.webconsole.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;

import org.integrationhub.security.ApiKeyInfo;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.security.CreatedApiKey;
import org.integrationhub.security.Scopes;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Web console page "API keys": lists the keys (never a key itself), creates one (the key is shown once, on the
 * answer to the form) and revokes them, as {@code hub:apikey-create}, {@code -list} and {@code -revoke} do.
 */
@Component(service = Servlet.class, property = {"felix.webconsole.label=" + ApiKeysPlugin.LABEL,
        "felix.webconsole.title=API keys", "felix.webconsole.category=" + ConsolePlugin.CATEGORY,
        "felix.webconsole.css=/" + ApiKeysPlugin.LABEL + "/res/hub.css"})
public class ApiKeysPlugin extends ConsolePlugin {

    static final String LABEL = "hub-apikeys";
    static final String FORM = "apikey";
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
        renderCreate(page, request);
    }

    private static void renderCreate(Page page, HttpServletRequest request) {
        page.heading(page.msg("apikeys.create"));
        page.paragraph(page.msg("apikeys.create.once"));
        String error = formError(request, FORM);
        if (error != null) {
            page.notice("error", page.msg("form.invalid", error));
        }
        page.form("create", page.msg("apikeys.create.submit"), Map.of(), List.of(
                new Page.Field("name", page.msg("col.name"), page.msg("apikeys.name.help"), "text",
                        prefill(request, "name"), Map.of(), true),
                new Page.Field("scope", page.msg("col.scopes"), page.msg("scopes.help"), "checkboxes",
                        String.join(" ", values(request, "scope")), scopeOptions(), true),
                new Page.Field("rateLimit", page.msg("col.rateLimit"), page.msg("apikeys.rateLimit.help"), "text",
                        prefill(request, "rateLimit"), Map.of(), false)));
    }

    /** @return every scope the hub knows ({@link Scopes#ALL}), each labelled with its own name */
    static Map<String, String> scopeOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        Scopes.ALL.forEach(s -> options.put(s, s));
        return options;
    }

    private static String rateLimit(Page page, Integer limit) {
        return limit == null ? page.msg("apikeys.rateLimit.default")
                : limit == 0 ? page.msg("apikeys.rateLimit.unlimited") : page.msg("apikeys.rateLimit.perMinute", limit);
    }

    /**
     * Parses the form's rate limit as the shell's {@code --rate-limit} does.
     *
     * @return null for empty (the global default), 0 for {@code unlimited} or 0, otherwise the positive number
     * @throws IllegalArgumentException for anything else
     */
    static Integer parseRateLimit(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("unlimited")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("rateLimit: must be a number of requests per minute, 'unlimited' or empty "
                + "for the default, not '" + v + "'");
    }

    @Override
    Result act(String action, HttpServletRequest request) {
        ApiKeyService service = keys;
        if (service == null) {
            throw new IllegalStateException("the API key service is not running");
        }
        return switch (action) {
            case "create" -> {
                String name = request.getParameter("name") == null ? "" : request.getParameter("name").trim();
                CreatedApiKey created = service.create(name, values(request, "scope"),
                        parseRateLimit(request.getParameter("rateLimit")));
                ApiKeyInfo info = created.info();
                yield new Result("result.apikey.created", info.name() + " (" + info.id() + ")", Map.of(), page -> {
                    page.once(page.msg("once.copyNow"));
                    page.secret("hub-new-key", page.msg("apikeys.key"), created.key());
                    page.paragraph(page.msg("apikeys.key.use", Html.list(info.scopes()),
                            rateLimit(page, info.rateLimit())));
                });
            }
            case "revoke" -> {
                String id = param(request, "id");
                if (!service.revoke(id)) {
                    throw new IllegalArgumentException("no valid API key with id " + id);
                }
                yield new Result("result.apikey.revoked", id);
            }
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
    }

    /** A failed create shows the form again with what was typed (a key is never part of it). */
    @Override
    Map<String, String> errorView(String action, HttpServletRequest request) {
        if (!"create".equals(action)) {
            return Map.of();
        }
        return Map.of("form", FORM, "name", prefill(request, "name"), "scope",
                String.join(" ", values(request, "scope")), "rateLimit", prefill(request, "rateLimit"));
    }
}
