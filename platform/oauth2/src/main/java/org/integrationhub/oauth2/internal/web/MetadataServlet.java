package org.integrationhub.oauth2.internal.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.integrationhub.oauth2.internal.AuthorizationServer;
import org.integrationhub.oauth2.internal.OAuth2Settings;
import org.integrationhub.oauth2.internal.OAuthClient;
import org.integrationhub.security.Scopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RFC 8414 authorization server metadata at {@code /.well-known/oauth-authorization-server}. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + OAuth2Settings.METADATA_PATH,
        "osgi.http.whiteboard.servlet.name=integration-hub-oauth2-metadata"})
public class MetadataServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient Map<String, Object> metadata;

    @Activate
    public MetadataServlet(@Reference AuthorizationServer server) {
        this(server.settings());
    }

    public MetadataServlet(OAuth2Settings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", s.issuer());
        m.put("authorization_endpoint", s.url(OAuth2Settings.AUTHORIZE_PATH));
        m.put("token_endpoint", s.url(OAuth2Settings.TOKEN_PATH));
        m.put("jwks_uri", s.url(OAuth2Settings.JWKS_PATH));
        m.put("introspection_endpoint", s.url(OAuth2Settings.INTROSPECT_PATH));
        m.put("revocation_endpoint", s.url(OAuth2Settings.REVOKE_PATH));
        m.put("scopes_supported", Scopes.ALL);
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", OAuthClient.GRANT_TYPES);
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("authorization_response_iss_parameter_supported", true);
        this.metadata = java.util.Collections.unmodifiableMap(m);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            Http.problem(response, 405, "Method Not Allowed", "Allowed: GET");
            return;
        }
        response.setHeader("Cache-Control", "public, max-age=60");
        Http.json(response, 200, "application/json;charset=UTF-8", metadata);
    }
}
