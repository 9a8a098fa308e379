package org.integrationhub.webconsole.internal;

import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;

import org.integrationhub.oauth2.OAuth2Admin;
import org.integrationhub.oauth2.OAuthClientInfo;
import org.integrationhub.oauth2.SigningKeyInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Web console page "OAuth clients": clients (never a secret) with revoke, signing keys with rotate. */
@Component(service = Servlet.class, property = {"felix.webconsole.label=" + OAuthClientsPlugin.LABEL,
        "felix.webconsole.title=OAuth clients", "felix.webconsole.category=" + ConsolePlugin.CATEGORY,
        "felix.webconsole.css=/" + OAuthClientsPlugin.LABEL + "/res/hub.css"})
public class OAuthClientsPlugin extends ConsolePlugin {

    static final String LABEL = "hub-oauth";
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
        page.paragraph(page.msg("oauth.create"));
        page.code("hub:oauth-client-create NAME --grant client_credentials --scope tickets:read [--public] "
                + "[--redirect-uri URI]");
        OAuth2Admin admin = oauth;
        if (admin == null) {
            page.notInstalled(page.msg("oauth.service"));
            return;
        }
        page.tableStart("hub-oauth-clients", page.msg("col.clientId"), page.msg("col.name"), page.msg("col.type"),
                page.msg("col.grants"), page.msg("col.scopes"), page.msg("col.redirectUris"), page.msg("col.created"),
                page.msg("col.state"), "");
        for (OAuthClientInfo c : admin.clients()) {
            Object action = c.isRevoked() ? "" : page.button("revoke", page.msg("oauth.revoke"), Map.of("id", c.id()),
                    page.msg("oauth.revoke.confirm", c.name()));
            page.row(c.id(), c.name(), page.msg(c.publicClient() ? "oauth.public" : "oauth.confidential"),
                    Html.list(c.grantTypes()), Html.list(c.scopes()), String.join(" ", c.redirectUris()),
                    Html.time(c.createdAt()),
                    c.isRevoked() ? page.msg("state.revokedAt", Html.time(c.revokedAt())) : page.msg("state.active"),
                    action);
        }
        page.tableEnd();
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

    @Override
    Result act(String action, HttpServletRequest request) {
        OAuth2Admin admin = oauth;
        if (admin == null) {
            throw new IllegalStateException("the OAuth2 authorization server is not running");
        }
        return switch (action) {
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
}
