package org.integrationhub.oauth2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Set;

import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.integrationhub.security.HubPrincipal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;

/** client_credentials, refresh rotation and reuse detection, introspection, revocation, JWKS verification. */
class TokenLifecycleTest extends OAuth2TestSupport {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void clientCredentialsTokenVerifiesAgainstJwksWithStandardLibraries(Kind kind) throws Exception {
        start(kind);
        ClientRegistry.Created client = hub.confidential("client_credentials");
        HTTPResponse http = new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretPost(new ClientID(client.client().id()), new Secret(client.secret())),
                new ClientCredentialsGrant(), Scope.parse("tickets:read")).toHTTPRequest().send();
        assertThat(http.getHeaderValue("Cache-Control")).isEqualTo("no-store");
        AccessTokenResponse ok = TokenResponse.parse(http).toSuccessResponse();
        assertThat(ok.getTokens().getRefreshToken()).isNull();
        String jwt = ok.getTokens().getAccessToken().getValue();

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder()
                .issuer(hub.issuer.toString()).audience(hub.issuer + "/api").subject(client.client().id())
                .claim("client_id", client.client().id()).claim("scope", "tickets:read").build(),
                Set.of("exp", "iat", "jti")));
        JWTClaimsSet claims = processor.process(jwt, null);
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());

        assertThat(verifiesWithJdkAgainstJwks(jwt)).isTrue();
        HubPrincipal principal = hub.server.authenticateBearer(jwt).orElseThrow();
        assertThat(principal.kind()).isEqualTo(HubPrincipal.Kind.OAUTH_CLIENT);
        assertThat(principal.clientId()).isEqualTo(client.client().id());
        assertThat(principal.scopes()).containsExactly("tickets:read");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void refreshTokensRotateAndReuseRevokesTheFamily(Kind kind) throws Exception {
        start(kind);
        ClientRegistry.Created client = hub.confidential("authorization_code", "refresh_token");
        CodeVerifier verifier = new CodeVerifier();
        AccessTokenResponse first = exchange(basic(client), code(client.client().id(), verifier, "tickets:read tickets:write"),
                CALLBACK, verifier).toSuccessResponse();
        RefreshToken r1 = first.getTokens().getRefreshToken();

        AccessTokenResponse second = refresh(client, r1, null).toSuccessResponse();
        RefreshToken r2 = second.getTokens().getRefreshToken();
        assertThat(r2).isNotEqualTo(r1);
        AccessTokenResponse narrowed = refresh(client, r2, Scope.parse("tickets:read")).toSuccessResponse();
        assertThat(narrowed.getTokens().getAccessToken().getScope()).isEqualTo(Scope.parse("tickets:read"));
        RefreshToken r3 = narrowed.getTokens().getRefreshToken();
        String latestAccess = narrowed.getTokens().getAccessToken().getValue();
        assertThat(hub.server.authenticateBearer(latestAccess)).isPresent();

        TokenResponse replay = refresh(client, r1, null);
        assertThat(replay.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(refresh(client, r3, null).toErrorResponse().getErrorObject().getCode())
                .as("the newest token of the family is revoked too").isEqualTo("invalid_grant");
        assertThat(hub.server.authenticateBearer(latestAccess)).as("and its access token").isEmpty();
        assertThat(introspect(client, r3).isActive()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void widenedRefreshScopeIsInvalidScope(Kind kind) throws Exception {
        start(kind);
        ClientRegistry.Created client = hub.confidential("authorization_code", "refresh_token");
        CodeVerifier verifier = new CodeVerifier();
        RefreshToken r = exchange(basic(client), code(client.client().id(), verifier, "tickets:read"), CALLBACK, verifier)
                .toSuccessResponse().getTokens().getRefreshToken();
        assertThat(refresh(client, r, Scope.parse("tickets:read tickets:write")).toErrorResponse().getErrorObject()
                .getCode()).isEqualTo("invalid_scope");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void introspectionAndRevocationOfAccessAndRefreshTokens(Kind kind) throws Exception {
        start(kind);
        ClientRegistry.Created client = hub.confidential("authorization_code", "refresh_token");
        CodeVerifier verifier = new CodeVerifier();
        AccessTokenResponse tokens = exchange(basic(client), code(client.client().id(), verifier, "tickets:read"),
                CALLBACK, verifier).toSuccessResponse();
        AccessToken access = tokens.getTokens().getAccessToken();
        RefreshToken refresh = tokens.getTokens().getRefreshToken();

        TokenIntrospectionSuccessResponse info = introspect(client, access);
        assertThat(info.isActive()).isTrue();
        assertThat(info.getScope()).isEqualTo(Scope.parse("tickets:read"));
        assertThat(info.getClientID().getValue()).isEqualTo(client.client().id());
        assertThat(info.getSubject().getValue()).isEqualTo("alice");
        assertThat(introspect(client, refresh).isActive()).isTrue();

        HTTPResponse revoked = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), basic(client), access)
                .toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        assertThat(introspect(client, access).isActive()).isFalse();
        assertThat(hub.server.authenticateBearer(access.getValue())).isEmpty();

        assertThat(new TokenRevocationRequest(metadata.getRevocationEndpointURI(), basic(client), refresh).toHTTPRequest()
                .send().getStatusCode()).isEqualTo(200);
        assertThat(introspect(client, refresh).isActive()).isFalse();
        assertThat(refresh(client, refresh, null).toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void othersCannotRevokeAndPublicClientsCannotIntrospect(Kind kind) throws Exception {
        start(kind);
        ClientRegistry.Created owner = hub.confidential("client_credentials");
        ClientRegistry.Created other = hub.confidential("client_credentials");
        AccessToken token = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), basic(owner),
                new ClientCredentialsGrant()).toHTTPRequest().send()).toSuccessResponse().getTokens().getAccessToken();
        assertThat(new TokenRevocationRequest(metadata.getRevocationEndpointURI(), basic(other), token).toHTTPRequest()
                .send().getStatusCode()).isEqualTo(200);
        assertThat(introspect(owner, token).isActive()).isTrue();

        String publicId = hub.publicClient().client().id();
        HTTPResponse r = new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(), token,
                java.util.Map.of("client_id", java.util.List.of(publicId)))
                .toHTTPRequest().send();
        assertThat(r.getStatusCode()).isEqualTo(401);

        assertThat(hub.server.clients().revoke(owner.client().id())).isTrue();
        assertThat(hub.server.authenticateBearer(token.getValue())).as("tokens of a revoked client").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void expiredAccessTokensAreRefused(Kind kind) throws Exception {
        start(kind);
        ClientRegistry.Created client = hub.confidential("client_credentials");
        String jwt = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), basic(client),
                new ClientCredentialsGrant()).toHTTPRequest().send()).toSuccessResponse().getTokens().getAccessToken()
                .getValue();
        hub.clock.advance(java.time.Duration.ofMinutes(10));
        assertThat(hub.server.authenticateBearer(jwt)).isEmpty();
    }

    private TokenResponse refresh(ClientRegistry.Created client, RefreshToken token, Scope scope) throws Exception {
        return TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), basic(client),
                new RefreshTokenGrant(token), scope).toHTTPRequest().send());
    }

    private TokenIntrospectionSuccessResponse introspect(ClientRegistry.Created client,
            com.nimbusds.oauth2.sdk.token.Token token) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(),
                basic(client), token).toHTTPRequest().send()).toSuccessResponse();
    }

    /** Independent of Nimbus: the JDK's RSA verifier with the key rebuilt from the JWKS document. */
    private boolean verifiesWithJdkAgainstJwks(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metadata.getJWKSetURI()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode key : new ObjectMapper().readTree(jwks).path("keys")) {
            if (key.path("kid").asText().equals(header.path("kid").asText())) {
                RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initVerify(pub);
                s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                return s.verify(Base64.getUrlDecoder().decode(parts[2]));
            }
        }
        return false;
    }
}
