package org.integrationhub.oauth2.internal;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.integrationhub.persistence.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;

/** Starts a {@link TestServer} per test and drives it with the Nimbus OAuth 2.0 SDK as the client. */
abstract class OAuth2TestSupport {

    static final URI CALLBACK = URI.create("https://app.example.com/callback");
    TestServer hub;
    AuthorizationServerMetadata metadata;
    final Browser browser = new Browser();

    TestServer start(TestDatabases.Kind kind) throws Exception {
        hub = new TestServer(kind);
        metadata = AuthorizationServerMetadata.resolve(new Issuer(hub.issuer.toString()));
        return hub;
    }

    @AfterEach
    void stop() throws IOException {
        if (hub != null) {
            hub.close();
        }
    }

    static ClientSecretBasic basic(ClientRegistry.Created c) {
        return new ClientSecretBasic(new ClientID(c.client().id()), new Secret(c.secret()));
    }

    AuthorizationRequest.Builder authorization(String clientId, CodeVerifier verifier, String scope) {
        AuthorizationRequest.Builder b = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new ClientID(clientId)).redirectionURI(CALLBACK).state(new State())
                .endpointURI(metadata.getAuthorizationEndpointURI());
        if (verifier != null) {
            b.codeChallenge(verifier, CodeChallengeMethod.S256);
        }
        return scope == null ? b : b.scope(Scope.parse(scope));
    }

    /** Logs alice in, consents, and returns the authorization code. */
    AuthorizationCode code(String clientId, CodeVerifier verifier, String scope) throws Exception {
        URI location = browser.authorize(authorization(clientId, verifier, scope).build().toURI(), "alice",
                "wonderland", "allow");
        return AuthorizationResponse.parse(location).toSuccessResponse().getAuthorizationCode();
    }

    TokenResponse exchange(ClientAuthentication auth, AuthorizationCode code, URI redirect, CodeVerifier verifier)
            throws Exception {
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), auth,
                new AuthorizationCodeGrant(code, redirect, verifier));
        return TokenResponse.parse(request.toHTTPRequest().send());
    }

    TokenResponse exchangePublic(String clientId, AuthorizationCode code, URI redirect, CodeVerifier verifier)
            throws Exception {
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), new ClientID(clientId),
                new AuthorizationCodeGrant(code, redirect, verifier));
        return TokenResponse.parse(request.toHTTPRequest().send());
    }

    static List<TestDatabases.Kind> kinds() {
        return List.of(TestDatabases.Kind.values());
    }
}
