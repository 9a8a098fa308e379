package org.integrationhub.oauth2.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.integrationhub.oauth2.internal.store.RefreshToken;
import org.integrationhub.oauth2.internal.store.RefreshTokenStore;
import org.integrationhub.security.Scopes;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Token introspection (RFC 7662) and revocation (RFC 7009), for both access tokens (JWTs) and refresh tokens.
 * Introspection needs an authenticated confidential client (a resource server); revocation any client, for its own
 * tokens only (others' tokens are ignored: the answer is 200 either way, revealing nothing).
 */
public final class TokenManagement {

    private final ClientAuthenticator clientAuth;
    private final ClientRegistry clients;
    private final AccessTokens accessTokens;
    private final RevocationCache revocations;
    private final RefreshTokenStore refreshTokens;
    private final Clock clock;

    public TokenManagement(ClientRegistry clients, AccessTokens accessTokens, RevocationCache revocations,
            RefreshTokenStore refreshTokens, Clock clock) {
        this.clientAuth = new ClientAuthenticator(clients);
        this.clients = clients;
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** @return the RFC 7662 response: {@code {"active": false}} for anything not currently valid */
    public Map<String, Object> introspect(Map<String, String> params, ClientCredentials creds) {
        clientAuth.authenticate(creds, false);
        String token = token(params);
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<JWTClaimsSet> claims = activeAccessToken(token);
        if (claims.isPresent()) {
            JWTClaimsSet c = claims.get();
            out.put("active", true);
            out.put("scope", c.getClaim("scope"));
            out.put("client_id", c.getClaim("client_id"));
            out.put("sub", c.getSubject());
            out.put("aud", c.getAudience().size() == 1 ? c.getAudience().get(0) : c.getAudience());
            out.put("iss", c.getIssuer());
            out.put("exp", c.getExpirationTime().toInstant().getEpochSecond());
            out.put("iat", c.getIssueTime() == null ? null : c.getIssueTime().toInstant().getEpochSecond());
            out.put("jti", c.getJWTID());
            out.put("token_type", "Bearer");
            return out;
        }
        Instant now = clock.instant();
        Optional<RefreshToken> refresh = refreshToken(token)
                .filter(r -> r.isUsable(now) && clients.findActive(r.clientId()).isPresent());
        if (refresh.isPresent()) {
            RefreshToken r = refresh.get();
            out.put("active", true);
            out.put("scope", Scopes.format(r.scopes()));
            out.put("client_id", r.clientId());
            out.put("sub", r.subject());
            out.put("exp", r.expiresAt().getEpochSecond());
            out.put("iat", r.createdAt().getEpochSecond());
            out.put("token_type", "refresh_token");
            return out;
        }
        out.put("active", false);
        return out;
    }

    /** Revokes the token if it belongs to the requesting client (a refresh token revokes its whole family). */
    public void revoke(Map<String, String> params, ClientCredentials creds) {
        OAuthClient client = clientAuth.authenticate(creds, true);
        String token = token(params);
        Optional<JWTClaimsSet> claims = accessTokens.verify(token);
        if (claims.isPresent()) {
            if (client.id().equals(claims.get().getClaim("client_id"))) {
                revocations.revoke(claims.get().getJWTID(), claims.get().getExpirationTime().toInstant());
            }
            return;
        }
        refreshToken(token).filter(r -> r.clientId().equals(client.id()))
                .ifPresent(r -> {
                    refreshTokens.revokeFamily(r.familyId(), clock.instant());
                    revocations.forgetUnrevoked();
                });
    }

    /** @return the claims of a valid, unrevoked access token of an active client */
    public Optional<JWTClaimsSet> activeAccessToken(String token) {
        return accessTokens.verify(token).filter(c -> !revocations.isRevoked(c.getJWTID()))
                .filter(c -> clients.findActive((String) c.getClaim("client_id")).isPresent());
    }

    private Optional<RefreshToken> refreshToken(String token) {
        return token.length() > 200 ? Optional.empty() : refreshTokens.find(Secrets.sha256Hex(token));
    }

    private static String token(Map<String, String> params) {
        String token = params.get("token");
        if (token == null || token.isEmpty()) {
            throw OAuthError.invalidRequest("token is required");
        }
        return token;
    }
}
