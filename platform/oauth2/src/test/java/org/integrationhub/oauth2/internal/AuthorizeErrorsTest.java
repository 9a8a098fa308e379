package org.integrationhub.oauth2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;

import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;

/** Authorization endpoint errors: untrusted client or redirect URI → 400 page, never a redirect; the rest redirected. */
class AuthorizeErrorsTest extends OAuth2TestSupport {

    String clientId;

    @BeforeEach
    void setUp() throws Exception {
        start(Kind.H2);
        clientId = hub.confidential("authorization_code").client().id();
    }

    @Test
    void unknownClientIsA400PageNotARedirect() throws Exception {
        HttpResponse<String> page = browser.get(authorization("hubc_nope", new CodeVerifier(), null).build().toURI());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body()).contains("Unknown client");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.com/callback", "https://app.example.com/callback/",
            "https://app.example.com/callbackx", "http://app.example.com/callback", "https://app.example.com/callback?x=1",
            "https://APP.example.com/callback", "https://app.example.com:443/callback", "https://app.example.com/Callback",
            "http://127.0.0.1/native/evil", "http://127.0.0.2/native", "http://user@127.0.0.1/native"})
    void unregisteredAndNearMissRedirectUrisAreA400PageNotARedirect(String redirect) throws Exception {
        AuthorizationRequest request = authorization(clientId, new CodeVerifier(), null).redirectionURI(URI.create(redirect))
                .build();
        HttpResponse<String> page = browser.get(request.toURI());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.body()).contains("redirect_uri is not registered");
    }

    @Test
    void withoutHtmlTheErrorIsProblemJson() throws Exception {
        URI uri = authorization("hubc_nope", new CodeVerifier(), null).build().toURI();
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void loopbackRedirectAcceptsAnyPort() throws Exception {
        AuthorizationRequest request = authorization(clientId, new CodeVerifier(), null)
                .redirectionURI(URI.create("http://127.0.0.1:61234/native")).build();
        assertThat(browser.get(request.toURI()).statusCode()).isEqualTo(200);
    }

    @Test
    void missingPkceRedirectsInvalidRequest() throws Exception {
        assertRedirectError(authorization(clientId, null, null).build(), "invalid_request", "PKCE is required");
    }

    @Test
    void plainPkceRedirectsInvalidRequest() throws Exception {
        AuthorizationRequest request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new ClientID(clientId)).redirectionURI(CALLBACK).state(new State())
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.PLAIN)
                .endpointURI(metadata.getAuthorizationEndpointURI()).build();
        assertRedirectError(request, "invalid_request", "S256");
    }

    @Test
    void disallowedScopeRedirectsInvalidScope() throws Exception {
        assertRedirectError(authorization(clientId, new CodeVerifier(), "webhooks:manage").build(), "invalid_scope",
                "webhooks:manage");
    }

    @Test
    void implicitResponseTypeIsUnsupported() throws Exception {
        AuthorizationRequest request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.TOKEN),
                new ClientID(clientId)).redirectionURI(CALLBACK).state(new State())
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
                .endpointURI(metadata.getAuthorizationEndpointURI()).build();
        HttpResponse<String> response = browser.get(request.toURI());
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?").contains("error=unsupported_response_type");
    }

    @Test
    void clientWithoutTheGrantIsUnauthorized() throws Exception {
        String cc = hub.server.clients().create("m2m", java.util.Set.of("client_credentials"),
                java.util.List.of("https://app.example.com/callback"), java.util.Set.of("tickets:read"), false).client().id();
        assertRedirectError(authorization(cc, new CodeVerifier(), null).build(), "unauthorized_client", "authorization_code");
    }

    private void assertRedirectError(AuthorizationRequest request, String code, String text) throws Exception {
        HttpResponse<String> response = browser.get(request.toURI());
        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(CALLBACK + "?");
        AuthorizationErrorResponse error = AuthorizationResponse.parse(location).toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo(code);
        assertThat(error.getErrorObject().getDescription()).contains(text);
        assertThat(error.getState()).isEqualTo(request.getState());
        assertThat(error.getIssuer().getValue()).isEqualTo(hub.issuer.toString());
    }
}
