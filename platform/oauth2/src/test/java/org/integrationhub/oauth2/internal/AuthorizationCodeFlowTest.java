package org.integrationhub.oauth2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;

/** The authorization code flow with PKCE, driven by the Nimbus SDK through the login and consent pages. */
class AuthorizationCodeFlowTest extends OAuth2TestSupport {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void confidentialClientGetsTokensThroughLoginAndConsent(Kind kind) throws Exception {
        start(kind);
        ClientRegistry.Created client = hub.confidential("authorization_code", "refresh_token");
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationRequest request = authorization(client.client().id(), verifier, "tickets:read tickets:write").build();

        URI location = browser.authorize(request.toURI(), "alice", "wonderland", "allow");

        AuthorizationResponse response = AuthorizationResponse.parse(location);
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(request.getState());
        assertThat(response.getIssuer()).isEqualTo(new Issuer(hub.issuer.toString()));
        assertThat(location.toString()).startsWith(CALLBACK + "?");
        AuthorizationSuccessResponse success = response.toSuccessResponse();

        TokenResponse tokens = exchange(basic(client), success.getAuthorizationCode(), CALLBACK, verifier);

        assertThat(tokens.indicatesSuccess()).as(String.valueOf(tokens)).isTrue();
        AccessTokenResponse ok = tokens.toSuccessResponse();
        assertThat(ok.getTokens().getRefreshToken()).isNotNull();
        assertThat(ok.getTokens().getAccessToken().getScope()).isEqualTo(Scope.parse("tickets:read tickets:write"));
        SignedJWT jwt = SignedJWT.parse(ok.getTokens().getAccessToken().getValue());
        assertThat(jwt.getHeader().getType().toString()).isEqualTo("at+jwt");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(client.client().id());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aClientWithOneRedirectUriMayLeaveItOutOfTheAuthorizationAndStillSendItWithTheCode(Kind kind)
            throws Exception {
        start(kind);
        ClientRegistry.Created client = hub.server.clients().create("One callback", Set.of("authorization_code"),
                List.of(CALLBACK.toString()), Set.of("tickets:read"), false);
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationRequest request = authorization(client.client().id(), verifier, "tickets:read")
                .redirectionURI(null).build();
        URI location = browser.authorize(request.toURI(), "alice", "wonderland", "allow");
        assertThat(location.toString()).startsWith(CALLBACK + "?");
        var code = AuthorizationResponse.parse(location).toSuccessResponse().getAuthorizationCode();

        TokenResponse elsewhere = exchange(basic(client), code, URI.create("https://evil.example.com/cb"), verifier);
        assertThat(elsewhere.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");

        location = browser.authorize(request.toURI(), "alice", "wonderland", "allow");
        code = AuthorizationResponse.parse(location).toSuccessResponse().getAuthorizationCode();
        TokenResponse tokens = exchange(basic(client), code, CALLBACK, verifier);
        assertThat(tokens.indicatesSuccess()).as(String.valueOf(tokens)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void consentIsRememberedPerClientAndScopeSet(Kind kind) throws Exception {
        start(kind);
        String id = hub.confidential("authorization_code").client().id();
        code(id, new CodeVerifier(), "tickets:read");

        HttpResponse<String> login = browser.get(authorization(id, new CodeVerifier(), "tickets:read").build().toURI());
        HttpResponse<String> after = browser.submit(metadata.getAuthorizationEndpointURI(), login,
                Map.of("username", "alice", "password", "wonderland"));
        assertThat(after.statusCode()).isEqualTo(303);

        HttpResponse<String> other = browser.get(authorization(id, new CodeVerifier(), "tickets:write").build().toURI());
        HttpResponse<String> consent = browser.submit(metadata.getAuthorizationEndpointURI(), other,
                Map.of("username", "alice", "password", "wonderland"));
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).contains("Allow access?", "tickets:write");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void publicClientUsesPkceWithoutSecret(Kind kind) throws Exception {
        start(kind);
        String id = hub.publicClient().client().id();
        CodeVerifier verifier = new CodeVerifier();
        URI redirect = URI.create("http://127.0.0.1:49152/cb"); // registered without port: any loopback port matches
        AuthorizationRequest request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new ClientID(id)).redirectionURI(redirect).state(new State()).codeChallenge(verifier,
                        com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256)
                .endpointURI(metadata.getAuthorizationEndpointURI()).build();
        URI location = browser.authorize(request.toURI(), "alice", "wonderland", "allow");
        assertThat(location.toString()).startsWith("http://127.0.0.1:49152/cb?");
        var code = AuthorizationResponse.parse(location).toSuccessResponse().getAuthorizationCode();

        TokenResponse tokens = exchangePublic(id, code, redirect, verifier);

        assertThat(tokens.indicatesSuccess()).as(String.valueOf(tokens)).isTrue();
        assertThat(tokens.toSuccessResponse().getTokens().getAccessToken().getScope()).isEqualTo(Scope.parse("tickets:read"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void deniedConsentRedirectsAccessDenied(Kind kind) throws Exception {
        start(kind);
        String id = hub.confidential("authorization_code").client().id();
        URI location = browser.authorize(authorization(id, new CodeVerifier(), null).build().toURI(), "alice",
                "wonderland", "deny");
        AuthorizationErrorResponse error = AuthorizationResponse.parse(location).toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo("access_denied");
        assertThat(error.getIssuer()).isEqualTo(new Issuer(hub.issuer.toString()));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void adminScopeNeedsTheAdminRole(Kind kind) throws Exception {
        start(kind);
        ClientRegistry.Created client = hub.confidential("authorization_code");
        CodeVerifier v1 = new CodeVerifier();
        URI alice = browser.authorize(authorization(client.client().id(), v1, "admin").build().toURI(), "alice",
                "wonderland", "allow");
        assertThat(AuthorizationResponse.parse(alice).toErrorResponse().getErrorObject().getCode()).isEqualTo("access_denied");

        CodeVerifier v2 = new CodeVerifier();
        URI root = new Browser().authorize(authorization(client.client().id(), v2, "admin tickets:read").build().toURI(),
                "root", "secret", "allow");
        var code = AuthorizationResponse.parse(root).toSuccessResponse().getAuthorizationCode();
        TokenResponse tokens = exchange(basic(client), code, CALLBACK, v2);
        assertThat(tokens.toSuccessResponse().getTokens().getAccessToken().getScope()).isEqualTo(Scope.parse("admin tickets:read"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void wrongPasswordShowsTheLoginPageAgain(Kind kind) throws Exception {
        start(kind);
        String id = hub.confidential("authorization_code").client().id();
        HttpResponse<String> login = browser.get(authorization(id, new CodeVerifier(), null).build().toURI());
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        HttpResponse<String> again = browser.submit(metadata.getAuthorizationEndpointURI(), login,
                Map.of("username", "alice", "password", "wrong"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("Wrong user name or password", "name=\"password\"");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void formsWithoutTheCsrfCookieAreRefused(Kind kind) throws Exception {
        start(kind);
        String id = hub.confidential("authorization_code").client().id();
        HttpResponse<String> login = browser.get(authorization(id, new CodeVerifier(), null).build().toURI());
        Map<String, String> form = new java.util.HashMap<>(Browser.hiddenFields(login.body()));
        form.put("username", "alice");
        form.put("password", "wonderland");

        HttpResponse<String> forged = new Browser().post(metadata.getAuthorizationEndpointURI(), form);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Location")).isEmpty();

        form.put("csrf", "x".repeat(43));
        HttpResponse<String> tampered = browser.post(metadata.getAuthorizationEndpointURI(), form);
        assertThat(tampered.statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void consentTicketIsBoundToTheRequest(Kind kind) throws Exception {
        start(kind);
        String id = hub.confidential("authorization_code").client().id();
        HttpResponse<String> login = browser.get(authorization(id, new CodeVerifier(), "tickets:read").build().toURI());
        HttpResponse<String> consent = browser.submit(metadata.getAuthorizationEndpointURI(), login,
                Map.of("username", "alice", "password", "wonderland"));
        HttpResponse<String> widened = browser.submit(metadata.getAuthorizationEndpointURI(), consent,
                Map.of("decision", "allow", "granted_scopes", "tickets:read tickets:write", "scope",
                        "tickets:read tickets:write"));
        assertThat(widened.statusCode()).isEqualTo(400);
        assertThat(widened.headers().firstValue("Location")).isEmpty();
    }
}
