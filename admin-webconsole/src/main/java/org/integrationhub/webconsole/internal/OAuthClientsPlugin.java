package org.integrationhub.webconsole.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;

import org.integrationhub.oauth2.CreatedOAuthClient;
import org.integrationhub.oauth2.OAuth2Admin;
import org.integrationhub.oauth2.OAuthClientInfo;
import org.integrationhub.oauth2.SigningKeyInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Web console page "OAuth clients": clients (never a secret) with revoke and secret rotation, registering a client (its
 * secret shown once, on the answer to the form), signing keys with rotate — the {@code hub:oauth-*} commands.
 */
@Component(service = Servlet.class, property = {"felix.webconsole.label=" + OAuthClientsPlugin.LABEL,
        "felix.webconsole.title=OAuth clients", "felix.webconsole.category=" + ConsolePlugin.CATEGORY,
        "felix.webconsole.css=/" + OAuthClientsPlugin.LABEL + "/res/hub.css"})
public class OAuthClientsPlugin extends ConsolePlugin {

    static final String LABEL = "hub-oauth";
    static final String FORM = "client";
    /** The grants the authorization server implements (CONTRACT: no implicit, no password grant). */
    static final List<String> GRANTS = List.of("authorization_code", "refresh_token", "client_credentials");
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile OAuth2Admin oauth;

    public OAuthClientsPlugin() {
        super(LABEL);
    }

    @Override
    void render(Page page, HttpServletRequest request) {
        page.heading(page.msg("oauth.title"));
        OAuth2Admin admin = oauth;
        if (admin == null) {
            page.notInstalled(page.msg("oauth.service"));
            return;
        }
        page.tableStart("hub-oauth-clients", page.msg("col.clientId"), page.msg("col.name"), page.msg("col.type"),
                page.msg("col.grants"), page.msg("col.scopes"), page.msg("col.redirectUris"), page.msg("col.created"),
                page.msg("col.state"), "");
        for (OAuthClientInfo c : admin.clients()) {
            List<Page.Cell> actions = new ArrayList<>();
            if (!c.isRevoked()) {
                if (!c.publicClient()) {
                    actions.add(page.button("rotateSecret", page.msg("oauth.rotateSecret"), Map.of("id", c.id()),
                            page.msg("oauth.rotateSecret.confirm", c.name())));
                }
                actions.add(page.button("revoke", page.msg("oauth.revoke"), Map.of("id", c.id()),
                        page.msg("oauth.revoke.confirm", c.name())));
            }
            page.row(c.id(), c.name(), page.msg(c.publicClient() ? "oauth.public" : "oauth.confidential"),
                    Html.list(c.grantTypes()), Html.list(c.scopes()), String.join(" ", c.redirectUris()),
                    Html.time(c.createdAt()),
                    c.isRevoked() ? page.msg("state.revokedAt", Html.time(c.revokedAt())) : page.msg("state.active"),
                    Page.join(actions));
        }
        page.tableEnd();
        renderCreate(page, request);
        page.heading(page.msg("oauth.keys"));
        page.tableStart("hub-oauth-keys", page.msg("col.kid"), page.msg("col.algorithm"), page.msg("col.created"),
                page.msg("col.state"), page.msg("col.publishedUntil"));
        for (SigningKeyInfo k : admin.signingKeys()) {
            page.row(k.kid(), k.algorithm(), Html.time(k.createdAt()),
                    k.isActive() ? page.msg("oauth.key.active") : page.msg("oauth.key.previous", Html.time(k.retiredAt())),
                    Html.time(k.publishedUntil()));
        }
        page.tableEnd();
        page.add(page.button("rotateKey", page.msg("oauth.rotate"), Map.of(), page.msg("oauth.rotate.confirm")));
    }

    private static void renderCreate(Page page, HttpServletRequest request) {
        page.heading(page.msg("oauth.create"));
        page.paragraph(page.msg("oauth.create.once"));
        String error = formError(request, FORM);
        if (error != null) {
            page.notice("error", page.msg("form.invalid", error));
        }
        Map<String, String> grants = new LinkedHashMap<>();
        GRANTS.forEach(g -> grants.put(g, g));
        page.form("create", page.msg("oauth.create.submit"), Map.of(), List.of(
                new Page.Field("name", page.msg("col.name"), null, "text", prefill(request, "name"), Map.of(), true),
                new Page.Field("grant", page.msg("col.grants"), page.msg("oauth.grants.help"), "checkboxes",
                        String.join(" ", values(request, "grant")), grants, true),
                new Page.Field("redirectUris", page.msg("col.redirectUris"), page.msg("oauth.redirectUris.help"),
                        "textarea", prefill(request, "redirectUris"), Map.of(), false),
                new Page.Field("scope", page.msg("col.scopes"), page.msg("scopes.help"), "checkboxes",
                        String.join(" ", values(request, "scope")), ApiKeysPlugin.scopeOptions(), true),
                new Page.Field("public", page.msg("oauth.public.label"), page.msg("oauth.public.help"), "checkbox",
                        prefill(request, "public"), Map.of(), false)));
    }

    @Override
    Result act(String action, HttpServletRequest request) {
        OAuth2Admin admin = oauth;
        if (admin == null) {
            throw new IllegalStateException("the OAuth2 authorization server is not running");
        }
        return switch (action) {
            case "create" -> create(admin, request);
            case "rotateSecret" -> {
                String id = param(request, "id");
                String secret = admin.rotateClientSecret(id).orElseThrow(() -> new IllegalArgumentException(
                        "no active confidential OAuth2 client with id " + id));
                yield new Result("result.oauth.secretRotated", id, Map.of(), page -> {
                    page.once(page.msg("once.copyNow"));
                    page.secret("hub-new-client-id", "client_id", id);
                    page.secret("hub-new-client-secret", "client_secret", secret);
                });
            }
            case "revoke" -> {
                String id = param(request, "id");
                if (!admin.revokeClient(id)) {
                    throw new IllegalArgumentException("no active OAuth2 client with id " + id);
                }
                yield new Result("result.oauth.revoked", id);
            }
            case "rotateKey" -> new Result("result.oauth.rotated", admin.rotateSigningKey());
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
    }

    private static Result create(OAuth2Admin admin, HttpServletRequest request) {
        String name = request.getParameter("name") == null ? "" : request.getParameter("name").trim();
        CreatedOAuthClient created = admin.createClient(name, values(request, "grant"),
                List.copyOf(values(request, "redirectUris")), values(request, "scope"),
                "true".equals(request.getParameter("public")));
        OAuthClientInfo c = created.client();
        return new Result("result.oauth.created", c.name() + " (" + c.id() + ")", Map.of(), page -> {
            if (created.secret() != null) {
                page.once(page.msg("once.copyNow"));
            }
            page.secret("hub-new-client-id", "client_id", c.id());
            if (created.secret() != null) {
                page.secret("hub-new-client-secret", "client_secret", created.secret());
            } else {
                page.paragraph(page.msg("oauth.public.noSecret"));
            }
        });
    }

    /** A failed create shows the form again with what was typed. */
    @Override
    Map<String, String> errorView(String action, HttpServletRequest request) {
        if (!"create".equals(action)) {
            return Map.of();
        }
        return Map.of("form", FORM, "name", prefill(request, "name"), "grant", String.join(" ", values(request, "grant")),
                "redirectUris", prefill(request, "redirectUris"), "scope", String.join(" ", values(request, "scope")),
                "public", prefill(request, "public"));
    }
}
