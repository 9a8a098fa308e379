package org.integrationhub.oauth2.internal;

import java.time.Duration;

/**
 * The authorization server's settings (from {@link OAuth2Component.Config} in OSGi, built directly in tests).
 *
 * @param issuer the public base URL of the hub, without a trailing slash; the {@code iss} of every token
 * @param audience the {@code aud} of access tokens (the REST API)
 * @param accessTokenLifetime lifetime of access tokens
 * @param refreshTokenLifetime lifetime of refresh tokens (each rotation starts a new one)
 * @param codeLifetime lifetime of authorization codes
 * @param maxRequestBytes the largest form body the endpoints read
 * @param keyEncryptionSecret if not blank, private signing keys are stored AES-GCM encrypted with a key derived from it
 * @param adminRole the JAAS role a user needs to grant the {@code admin} scope
 * @param realm the JAAS realm users log in against
 */
public record OAuth2Settings(String issuer, String audience, Duration accessTokenLifetime,
        Duration refreshTokenLifetime, Duration codeLifetime, int maxRequestBytes, String keyEncryptionSecret,
        String adminRole, String realm) {

    public static final String TOKEN_PATH = "/oauth2/token";
    public static final String AUTHORIZE_PATH = "/oauth2/authorize";
    public static final String INTROSPECT_PATH = "/oauth2/introspect";
    public static final String REVOKE_PATH = "/oauth2/revoke";
    public static final String JWKS_PATH = "/oauth2/jwks";
    public static final String METADATA_PATH = "/.well-known/oauth-authorization-server";

    public OAuth2Settings {
        issuer = stripSlash(issuer);
        audience = audience == null || audience.isBlank() ? issuer + "/api" : audience.trim();
    }

    /** @return settings with the defaults for the given issuer */
    public static OAuth2Settings defaults(String issuer) {
        return new OAuth2Settings(issuer, null, Duration.ofMinutes(10), Duration.ofDays(30), Duration.ofSeconds(60),
                16_384, "", "admin", "karaf");
    }

    /** @return the absolute URL of an endpoint path */
    public String url(String path) {
        return issuer + path;
    }

    private static String stripSlash(String s) {
        String t = s.trim();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
