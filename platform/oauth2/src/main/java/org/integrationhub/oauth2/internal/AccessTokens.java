package org.integrationhub.oauth2.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.security.Scopes;

import com.github.f4b6a3.ulid.UlidCreator;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Issues and verifies RFC 9068 JWT access tokens: header {@code typ: at+jwt}, {@code alg: RS256}, {@code kid};
 * claims {@code iss, sub, aud, exp, iat, jti, client_id, scope}.
 *
 * <p>Thread-safe.
 */
public final class AccessTokens {

    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final SigningKeys keys;
    private final OAuth2Settings settings;
    private final Clock clock;
    private volatile CachedSigner signer;

    public AccessTokens(SigningKeys keys, OAuth2Settings settings, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param clientId the client the token is for
     * @param subject the user, or the client itself for client_credentials
     * @param scopes granted scopes
     * @return the signed token with its id and expiry
     */
    public Issued issue(String clientId, String subject, Set<String> scopes) {
        Instant now = clock.instant();
        Instant exp = now.plus(settings.accessTokenLifetime());
        String jti = UlidCreator.getMonotonicUlid().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(settings.issuer()).subject(subject)
                .audience(settings.audience()).expirationTime(Date.from(exp)).issueTime(Date.from(now)).jwtID(jti)
                .claim("client_id", clientId).claim("scope", Scopes.format(scopes)).build();
        CachedSigner s = signer();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(AT_JWT).keyID(s.kid).build(),
                claims);
        try {
            jwt.sign(s.signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return new Issued(jwt.serialize(), jti, exp);
    }

    /**
     * Checks a token: a JWS with {@code typ at+jwt}, alg RS256, a known kid and a valid signature, this issuer, this
     * audience, not expired. Revocation is not checked here.
     *
     * @param token anything
     * @return the claims of a valid token; empty otherwise
     */
    public Optional<JWTClaimsSet> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || !AT_JWT.equals(header.getType())) {
                return Optional.empty();
            }
            Optional<RSAKey> key = keys.verificationKey(header.getKeyID());
            if (key.isEmpty() || !jwt.verify(new RSASSAVerifier(key.get().toRSAPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            List<String> aud = claims.getAudience();
            if (!settings.issuer().equals(claims.getIssuer()) || aud == null || !aud.contains(settings.audience())
                    || exp == null || !exp.toInstant().isAfter(clock.instant()) || claims.getJWTID() == null
                    || claims.getStringClaim("client_id") == null) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private CachedSigner signer() {
        RSAKey active = keys.active();
        CachedSigner s = signer;
        if (s == null || !s.kid.equals(active.getKeyID())) {
            try {
                s = new CachedSigner(active.getKeyID(), new RSASSASigner(active));
            } catch (JOSEException e) {
                throw new IllegalStateException("unusable signing key", e);
            }
            signer = s;
        }
        return s;
    }

    /** A freshly issued access token. */
    public record Issued(String token, String jti, Instant expiresAt) {
    }

    private record CachedSigner(String kid, RSASSASigner signer) {
    }
}
