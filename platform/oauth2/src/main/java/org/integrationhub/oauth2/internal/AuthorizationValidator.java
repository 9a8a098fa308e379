package org.integrationhub.oauth2.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates authorization requests in the order RFC 6749 §4.1.2.1 and RFC 9700 demand: first client_id and the
 * exact redirect_uri (failures are shown, never redirected), then everything else (failures are redirected).
 */
public final class AuthorizationValidator {

    private static final String CHALLENGE = "[A-Za-z0-9._~-]{43,128}";

    private final ClientRegistry clients;

    public AuthorizationValidator(ClientRegistry clients) {
        this.clients = clients;
    }

    /**
     * @param raw the request parameters, each with all its values
     * @return the validated request
     * @throws AuthorizationException describing the first problem found
     */
    public AuthorizationRequest validate(Map<String, List<String>> raw) {
        String clientId = single(raw, "client_id");
        OAuthClient client = clientId == null ? null : clients.findActive(clientId).orElse(null);
        if (client == null) {
            throw AuthorizationException.page(clientId == null ? "The request names no client (client_id)."
                    : "Unknown client: this application is not registered with the hub.");
        }
        String redirectParam = single(raw, "redirect_uri");
        String redirectUri = redirectParam;
        if (redirectParam == null) {
            if (client.redirectUris().size() != 1 || raw.containsKey("redirect_uri")) {
                throw AuthorizationException.page("The request names no valid redirect_uri.");
            }
            redirectUri = client.redirectUris().get(0);
        } else if (!client.isRegisteredRedirect(redirectParam)) {
            throw AuthorizationException.page("The redirect_uri is not registered for this client.");
        }
        String state = raw.getOrDefault("state", List.of()).isEmpty() ? null : raw.get("state").get(0);
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : raw.entrySet()) {
            if (e.getValue().size() > 1) {
                throw redirect("invalid_request", "parameter " + e.getKey() + " is repeated", redirectUri, state);
            }
            params.put(e.getKey(), e.getValue().get(0));
        }
        String responseType = params.get("response_type");
        if (responseType == null) {
            throw redirect("invalid_request", "response_type is required", redirectUri, state);
        }
        if (!responseType.equals("code")) {
            throw redirect("unsupported_response_type", "only response_type=code is supported", redirectUri, state);
        }
        if (!client.allows(OAuthClient.AUTHORIZATION_CODE)) {
            throw redirect("unauthorized_client", "this client may not use the authorization_code grant", redirectUri, state);
        }
        String challenge = params.get("code_challenge");
        if (challenge == null || challenge.isEmpty()) {
            throw redirect("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256",
                    redirectUri, state);
        }
        if (!"S256".equals(params.get("code_challenge_method"))) {
            throw redirect("invalid_request", "code_challenge_method must be S256 (plain is not allowed)", redirectUri, state);
        }
        if (!challenge.matches(CHALLENGE)) {
            throw redirect("invalid_request", "code_challenge must be 43 to 128 characters of [A-Za-z0-9._~-]",
                    redirectUri, state);
        }
        Set<String> scopes;
        try {
            scopes = TokenService.grantableScopes(client, params.get("scope"));
        } catch (OAuthError e) {
            throw redirect("invalid_scope", e.description(), redirectUri, state);
        }
        return new AuthorizationRequest(client, redirectUri, redirectParam, state, scopes, challenge, params);
    }

    private static AuthorizationException redirect(String error, String description, String uri, String state) {
        return AuthorizationException.redirect(error, description, uri, state);
    }

    private static String single(Map<String, List<String>> raw, String name) {
        List<String> values = raw.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw AuthorizationException.page("The parameter " + name + " is repeated.");
        }
        return values.get(0).isEmpty() ? null : values.get(0);
    }
}
