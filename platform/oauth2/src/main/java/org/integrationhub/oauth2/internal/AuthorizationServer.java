package org.integrationhub.oauth2.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.integrationhub.oauth2.internal.store.ClientStore;
import org.integrationhub.oauth2.internal.store.CodeStore;
import org.integrationhub.oauth2.internal.store.ConsentStore;
import org.integrationhub.oauth2.internal.store.RefreshTokenStore;
import org.integrationhub.oauth2.internal.store.RevokedTokenStore;
import org.integrationhub.persistence.Database;
import org.integrationhub.security.HubPrincipal;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The authorization server assembled from its parts, without OSGi: what the servlets, the shell commands and the
 * API's token authenticator use. In the container it is the DS component {@code OAuth2Component} (a subclass that reads the configuration); tests build it directly.
 */
public class AuthorizationServer {

    private final OAuth2Settings settings;
    private final Clock clock;
    private final ClientRegistry clients;
    private final SigningKeys keys;
    private final TokenService tokens;
    private final TokenManagement management;
    private final AuthorizationValidator validator;
    private final AuthorizationService authorization;
    private final CodeStore codes;
    private final RefreshTokenStore refreshTokens;
    private final RevokedTokenStore revoked;
    private final RevocationCache revocations;

    public AuthorizationServer(Database database, OAuth2Settings settings, UserAuthenticator users, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.clients = new ClientRegistry(new ClientStore(database), clock);
        this.keys = new SigningKeys(new org.integrationhub.oauth2.internal.store.SigningKeyStore(database), settings, clock);
        this.codes = new CodeStore(database);
        this.refreshTokens = new RefreshTokenStore(database);
        this.revoked = new RevokedTokenStore(database);
        this.revocations = new RevocationCache(revoked, clock);
        AccessTokens accessTokens = new AccessTokens(keys, settings, clock);
        this.tokens = new TokenService(clients, codes, refreshTokens, accessTokens, revocations, settings, clock);
        this.management = new TokenManagement(clients, accessTokens, revocations, refreshTokens, clock);
        this.validator = new AuthorizationValidator(clients);
        this.authorization = new AuthorizationService(users, new ConsentStore(database), codes, keys, settings, clock);
    }

    /** Loads (or creates) the signing keys; call before serving. */
    public AuthorizationServer start() {
        keys.start();
        return this;
    }

    /**
     * Loads the signing keys; a missing first key is created on {@code executor} (requests that need it wait for
     * it), so a first start does not wait for RSA key generation.
     */
    public AuthorizationServer start(java.util.concurrent.Executor executor) {
        keys.start(executor);
        return this;
    }

    /**
     * Checks an access token presented to the REST API.
     *
     * @return the principal (kind OAUTH_CLIENT, the token's scopes, the client's id as rate-limit key) of a valid,
     *         unrevoked token of an active client; empty for anything else
     */
    public Optional<HubPrincipal> authenticateBearer(String token) {
        if (token.length() < 64 || !token.startsWith("eyJ")) {
            return Optional.empty();
        }
        Optional<JWTClaimsSet> claims = management.activeAccessToken(token);
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        String clientId = (String) claims.get().getClaim("client_id");
        String name = clients.findActive(clientId).map(OAuthClient::name).orElse(clientId);
        return Optional.of(new HubPrincipal(clientId, name, HubPrincipal.Kind.OAUTH_CLIENT,
                org.integrationhub.security.Scopes.parse((String) claims.get().getClaim("scope")), null));
    }

    /** Periodic housekeeping: forget expired codes, tokens, revocations and keys; pick up keys rotated elsewhere. */
    public void housekeeping() {
        java.time.Instant now = clock.instant();
        codes.deleteExpired(now.minus(Duration.ofDays(1)));
        refreshTokens.deleteExpired(now.minus(Duration.ofDays(1)));
        revoked.deleteExpired(now);
        revocations.evictStale();
        keys.deleteExpired();
        keys.reload();
    }

    public OAuth2Settings settings() {
        return settings;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public SigningKeys keys() {
        return keys;
    }

    public TokenService tokens() {
        return tokens;
    }

    public TokenManagement management() {
        return management;
    }

    public AuthorizationValidator validator() {
        return validator;
    }

    public AuthorizationService authorization() {
        return authorization;
    }
}
