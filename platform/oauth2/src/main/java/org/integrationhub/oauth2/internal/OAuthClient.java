package org.integrationhub.oauth2.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A registered OAuth2 client. Confidential clients carry the SHA-256 of their secret; public clients (native and
 * browser apps) have none and must use PKCE.
 *
 * @param id the client_id
 * @param name the operator's name for it
 * @param secretHash SHA-256 hex of the client secret; null for public clients
 * @param publicClient whether it is a public client (token endpoint auth method {@code none})
 * @param grantTypes allowed grant types
 * @param redirectUris registered redirect URIs, compared exactly
 * @param scopes scopes it may obtain
 * @param createdAt creation time
 * @param revokedAt when revoked; null while active
 */
public record OAuthClient(String id, String name, String secretHash, boolean publicClient, Set<String> grantTypes,
        List<String> redirectUris, Set<String> scopes, Instant createdAt, Instant revokedAt) {

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final List<String> GRANT_TYPES = List.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS);

    public OAuthClient {
        grantTypes = Set.copyOf(grantTypes);
        redirectUris = List.copyOf(redirectUris);
        scopes = Set.copyOf(scopes);
    }

    /** @return whether the client may use the grant type */
    public boolean allows(String grantType) {
        return grantTypes.contains(grantType);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /**
     * Matches a redirect URI against the registered ones: exact string comparison, except that for a registered
     * loopback URI ({@code http://127.0.0.1}, {@code http://[::1]}, {@code http://localhost}) any port is accepted
     * (RFC 8252 §7.3), everything else still exact.
     *
     * @param candidate the redirect_uri of the request
     * @return whether it is registered
     */
    public boolean isRegisteredRedirect(String candidate) {
        if (candidate == null) {
            return false;
        }
        for (String registered : redirectUris) {
            if (registered.equals(candidate) || loopbackMatch(registered, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean loopbackMatch(String registered, String candidate) {
        try {
            URI r = new URI(registered);
            URI c = new URI(candidate);
            if (!"http".equals(r.getScheme()) || !"http".equals(c.getScheme()) || !isLoopback(r.getHost())
                    || c.getRawUserInfo() != null || r.getRawUserInfo() != null) {
                return false;
            }
            return r.getHost().equals(c.getHost()) && eq(r.getRawPath(), c.getRawPath())
                    && eq(r.getRawQuery(), c.getRawQuery()) && c.getRawFragment() == null && r.getRawFragment() == null;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("localhost");
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
