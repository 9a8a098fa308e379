package org.integrationhub.oauth2.internal.web;

import java.io.IOException;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.integrationhub.oauth2.internal.AuthorizationServer;
import org.integrationhub.oauth2.internal.ClientCredentials;
import org.integrationhub.oauth2.internal.OAuthError;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth2 endpoints under {@code /oauth2}: {@code authorize} (GET, POST), {@code token}, {@code introspect},
 * {@code revoke} (POST, form-encoded, client-authenticated) and {@code jwks} (GET). Errors of the token-style
 * endpoints are RFC 6749 §5.2 JSON; everything else answers problem+json.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/oauth2/*",
        "osgi.http.whiteboard.servlet.name=integration-hub-oauth2"})
public class OAuth2Servlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient Logger logger = LoggerFactory.getLogger(OAuth2Servlet.class);
    private final transient AuthorizationServer server;
    private final transient AuthorizeHandler authorize;

    @Activate
    public OAuth2Servlet(@Reference AuthorizationServer server) {
        this.server = server;
        this.authorize = new AuthorizeHandler(server.validator(), server.authorization(),
                server.settings().issuer().startsWith("https:"), server.settings().maxRequestBytes());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        try {
            switch (path) {
                case "/authorize":
                    if ("GET".equals(method)) {
                        authorize.get(request, response);
                    } else if ("POST".equals(method)) {
                        authorize.post(request, response);
                    } else {
                        notAllowed(response, "GET, POST");
                    }
                    return;
                case "/jwks":
                    if (!"GET".equals(method) && !"HEAD".equals(method)) {
                        notAllowed(response, "GET");
                        return;
                    }
                    response.setHeader("Cache-Control", "public, max-age=60");
                    Http.json(response, 200, "application/jwk-set+json", server.keys().jwksJson());
                    return;
                case "/token":
                case "/introspect":
                case "/revoke":
                    if (!"POST".equals(method)) {
                        notAllowed(response, "POST");
                        return;
                    }
                    formEndpoint(path, request, response);
                    return;
                default:
                    Http.problem(response, 404, "Not Found", "No OAuth2 endpoint at this path");
            }
        } catch (RuntimeException e) {
            logger.error("OAuth2 endpoint {} failed", path, e);
            if (!response.isCommitted()) {
                response.reset();
                Map<String, Object> body = Map.of("error", "server_error", "error_description", "internal error");
                Http.noStoreJson(response, 500, body);
            }
        }
    }

    private void formEndpoint(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Map<String, String> params = FormParser.single(FormParser.body(request, server.settings().maxRequestBytes()));
            ClientCredentials creds = ClientCredentials.from(request.getHeader("Authorization"), params);
            switch (path) {
                case "/token":
                    Http.noStoreJson(response, 200, server.tokens().token(params, creds));
                    break;
                case "/introspect":
                    Http.noStoreJson(response, 200, server.management().introspect(params, creds));
                    break;
                default:
                    server.management().revoke(params, creds);
                    response.setHeader("Cache-Control", "no-store");
                    response.setStatus(200);
                    response.setContentLength(0);
            }
        } catch (OAuthError e) {
            Http.oauthError(response, e);
        } catch (FormParser.TooLarge e) {
            Http.oauthError(response, new OAuthError("invalid_request", "the request body is larger than "
                    + server.settings().maxRequestBytes() + " bytes", 413));
        }
    }

    private static void notAllowed(HttpServletResponse response, String allow) throws IOException {
        response.setHeader("Allow", allow);
        Http.problem(response, 405, "Method Not Allowed", "Allowed: " + allow);
    }
}
