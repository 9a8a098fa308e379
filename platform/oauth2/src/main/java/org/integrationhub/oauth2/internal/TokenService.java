package org.integrationhub.oauth2.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.oauth2.internal.store.AuthorizationCode;
import org.integrationhub.oauth2.internal.store.CodeStore;
import org.integrationhub.oauth2.internal.store.RefreshToken;
import org.integrationhub.oauth2.internal.store.RefreshTokenStore;
import org.integrationhub.security.Scopes;

import com.github.f4b6a3.ulid.UlidCreator;

/**
 * The token endpoint's grants (RFC 6749 §4.1.3, §4.4, §6; RFC 7636; RFC 9700 §4.14): authorization_code with
 * PKCE S256, refresh_token rotated on every use (a replay revokes the family), client_credentials.
 *
 * <p>Thread-safe.
 */
public final class TokenService {

    private final ClientAuthenticator clientAuth;
    private final CodeStore codes;
    private final RefreshTokenStore refreshTokens;
    private final AccessTokens accessTokens;
    private final RevocationCache revocations;
    private final OAuth2Settings settings;
    private final Clock clock;

    public TokenService(ClientRegistry clients, CodeStore codes, RefreshTokenStore refreshTokens,
            AccessTokens accessTokens, RevocationCache revocations, OAuth2Settings settings, Clock clock) {
        this.clientAuth = new ClientAuthenticator(clients);
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param params the form parameters (each at most once)
     * @param creds the client's credentials
     * @return the token response body
     * @throws OAuthError for every failure, per RFC 6749 §5.2
     */
    public Map<String, Object> token(Map<String, String> params, ClientCredentials creds) {
        OAuthClient client = clientAuth.authenticate(creds, true);
        String grantType = params.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            throw OAuthError.invalidRequest("grant_type is required");
        }
        if (!OAuthClient.GRANT_TYPES.contains(grantType)) {
            throw OAuthError.unsupportedGrantType("grant_type '" + grantType + "' is not supported; supported: "
                    + String.join(" ", OAuthClient.GRANT_TYPES));
        }
        if (!client.allows(grantType)) {
            throw OAuthError.unauthorizedClient("this client may not use the " + grantType + " grant");
        }
        switch (grantType) {
            case OAuthClient.AUTHORIZATION_CODE:
                return authorizationCode(client, params);
            case OAuthClient.REFRESH_TOKEN:
                return refresh(client, params);
            default:
                return clientCredentials(client, params);
        }
    }

    private Map<String, Object> authorizationCode(OAuthClient client, Map<String, String> params) {
        String code = required(params, "code");
        String verifier = required(params, "code_verifier");
        if (!verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            throw OAuthError.invalidRequest("code_verifier must be 43 to 128 characters of [A-Za-z0-9._~-]");
        }
        Instant now = clock.instant();
        AuthorizationCode stored = codes.consume(Secrets.sha256Hex(code), now)
                .orElseThrow(() -> OAuthError.invalidGrant("unknown authorization code"));
        if (stored.usedAt() != null) {
            if (stored.familyId() != null) {
                refreshTokens.revokeFamily(stored.familyId(), now);
                revocations.forgetUnrevoked();
            }
            throw OAuthError.invalidGrant("the authorization code was already used; tokens issued with it are revoked");
        }
        if (!stored.clientId().equals(client.id())) {
            throw OAuthError.invalidGrant("the authorization code was issued to another client");
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw OAuthError.invalidGrant("the authorization code has expired");
        }
        // RFC 6749 4.1.3: required and identical if the authorization request had one; a client whose request left
        // it out (it has exactly one registered) may still send that one, as many client libraries always do
        String redirectUri = params.get("redirect_uri");
        if (stored.redirectUri() != null ? !stored.redirectUri().equals(redirectUri)
                : redirectUri != null && !client.redirectUris().contains(redirectUri)) {
            throw OAuthError.invalidGrant("redirect_uri differs from the authorization request");
        }
        if (!Secrets.s256Matches(verifier, stored.codeChallenge())) {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge");
        }
        String family = UlidCreator.getMonotonicUlid().toString();
        Map<String, Object> response = issue(client, stored.subject(), stored.scopes(), family, now);
        if (response.containsKey("refresh_token")) {
            codes.setFamily(stored.codeHash(), family);
        }
        return response;
    }

    private Map<String, Object> refresh(OAuthClient client, Map<String, String> params) {
        String token = required(params, "refresh_token");
        Instant now = clock.instant();
        RefreshToken stored = refreshTokens.use(Secrets.sha256Hex(token), now)
                .orElseThrow(() -> OAuthError.invalidGrant("unknown refresh token"));
        if (!stored.clientId().equals(client.id())) {
            throw OAuthError.invalidGrant("the refresh token was issued to another client");
        }
        if (stored.usedAt() != null || stored.revokedAt() != null) {
            revocations.forgetUnrevoked(); // the store revoked the family and its access tokens
            throw OAuthError.invalidGrant("the refresh token was already used or revoked; its whole family is now revoked");
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw OAuthError.invalidGrant("the refresh token has expired");
        }
        Set<String> scopes = stored.scopes();
        if (params.get("scope") != null) {
            scopes = Scopes.parse(params.get("scope"));
            if (scopes.isEmpty() || !stored.scopes().containsAll(scopes)) {
                throw OAuthError.invalidScope("scope may only narrow the originally granted scopes: "
                        + Scopes.format(stored.scopes()));
            }
        }
        return issue(client, stored.subject(), scopes, stored.familyId(), now);
    }

    private Map<String, Object> clientCredentials(OAuthClient client, Map<String, String> params) {
        Set<String> scopes = grantableScopes(client, params.get("scope"));
        return issue(client, client.id(), scopes, null, clock.instant());
    }

    /**
     * @return the requested scopes if the client may have all of them; its registered scopes if none was requested
     * @throws OAuthError invalid_scope otherwise
     */
    static Set<String> grantableScopes(OAuthClient client, String requested) {
        if (requested == null) {
            return client.scopes();
        }
        Set<String> scopes = Scopes.parse(requested);
        for (String s : scopes) {
            if (!client.scopes().contains(s)) {
                throw OAuthError.invalidScope("scope '" + s + "' is not allowed for this client; allowed: "
                        + Scopes.format(client.scopes()));
            }
        }
        if (scopes.isEmpty()) {
            throw OAuthError.invalidScope("scope is empty");
        }
        return scopes;
    }

    private Map<String, Object> issue(OAuthClient client, String subject, Set<String> scopes, String family,
            Instant now) {
        AccessTokens.Issued at = accessTokens.issue(client.id(), subject, scopes);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", at.token());
        response.put("token_type", "Bearer");
        response.put("expires_in", settings.accessTokenLifetime().toSeconds());
        response.put("scope", Scopes.format(scopes));
        if (family != null && client.allows(OAuthClient.REFRESH_TOKEN)) {
            String refresh = Secrets.newToken();
            refreshTokens.insert(new RefreshToken(Secrets.sha256Hex(refresh), family, client.id(), subject, scopes,
                    at.jti(), at.expiresAt(), now, now.plus(settings.refreshTokenLifetime()), null, null));
            response.put("refresh_token", refresh);
        }
        return response;
    }

    private static String required(Map<String, String> params, String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isEmpty())
                .orElseThrow(() -> OAuthError.invalidRequest(name + " is required"));
    }
}
