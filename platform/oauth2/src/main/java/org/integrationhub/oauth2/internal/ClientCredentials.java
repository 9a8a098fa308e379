package org.integrationhub.oauth2.internal;

import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.Base64;
import java.util.Map;

/**
 * The client credentials of a token, introspection or revocation request: HTTP Basic ({@code client_secret_basic},
 * id and secret form-urlencoded first per RFC 6749 §2.3.1), body parameters ({@code client_secret_post}) or only a
 * client_id (public clients, {@code none}).
 *
 * @param clientId the client id, null if none was sent
 * @param secret the secret, null if none was sent
 * @param basic whether they came in an Authorization: Basic header
 */
public record ClientCredentials(String clientId, String secret, boolean basic) {

    /**
     * @param authorization the Authorization header, may be null
     * @param params the form parameters
     * @throws OAuthError invalid_request for two methods at once, invalid_client for a malformed Basic header
     */
    public static ClientCredentials from(String authorization, Map<String, String> params) {
        String bodyId = params.get("client_id");
        String bodySecret = params.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (bodySecret != null) {
                throw OAuthError.invalidRequest("use one client authentication method, not Basic and client_secret");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw OAuthError.invalidClient("malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthError.invalidClient("malformed Basic credentials");
            }
            String id = urlDecode(decoded.substring(0, colon));
            if (bodyId != null && !bodyId.equals(id)) {
                throw OAuthError.invalidRequest("client_id differs from the Basic credentials");
            }
            return new ClientCredentials(id, urlDecode(decoded.substring(colon + 1)), true);
        }
        return new ClientCredentials(bodyId, bodySecret, false);
    }

    private static String urlDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("malformed Basic credentials");
        }
    }

    @Override
    public String toString() {
        return "ClientCredentials[" + clientId + ", secret=" + (secret == null ? "none" : "***") + "]";
    }
}
