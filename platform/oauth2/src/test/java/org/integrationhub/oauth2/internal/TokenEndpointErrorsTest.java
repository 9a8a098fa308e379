package org.integrationhub.oauth2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;

/** Token endpoint errors exactly per RFC 6749 §5.2, seen through the Nimbus SDK and raw HTTP. */
class TokenEndpointErrorsTest extends OAuth2TestSupport {

    ClientRegistry.Created client;

    @BeforeEach
    void setUp() throws Exception {
        start(Kind.H2);
        client = hub.confidential("authorization_code", "refresh_token", "client_credentials");
    }

    @Test
    void wrongSecretIs401InvalidClientWithChallenge() throws Exception {
        HTTPResponse response = new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(client.client().id()), new Secret("wrong")),
                new ClientCredentialsGrant()).toHTTPRequest().send();
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaderValue("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(TokenResponse.parse(response).toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
    }

    @Test
    void unknownClientIsInvalidClient() throws Exception {
        ErrorObject error = error(new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretPost(new ClientID("hubc_unknown"), new Secret(client.secret())), new ClientCredentialsGrant()));
        assertThat(error.getCode()).isEqualTo("invalid_client");
        assertThat(error.getHTTPStatusCode()).isEqualTo(401);
    }

    @Test
    void disallowedScopeIsInvalidScope() throws Exception {
        assertThat(error(new TokenRequest(metadata.getTokenEndpointURI(), basic(client), new ClientCredentialsGrant(),
                Scope.parse("webhooks:manage"))).getCode()).isEqualTo("invalid_scope");
    }

    @Test
    void passwordGrantIsUnsupported() throws Exception {
        assertThat(error(new TokenRequest(metadata.getTokenEndpointURI(), basic(client),
                new ResourceOwnerPasswordCredentialsGrant("alice", new Secret("wonderland")))).getCode())
                .isEqualTo("unsupported_grant_type");
    }

    @Test
    void grantNotRegisteredForTheClientIsUnauthorizedClient() throws Exception {
        ClientRegistry.Created other = hub.confidential("authorization_code");
        assertThat(error(new TokenRequest(metadata.getTokenEndpointURI(), basic(other), new ClientCredentialsGrant()))
                .getCode()).isEqualTo("unauthorized_client");
    }

    @Test
    void codeReuseWrongVerifierAndWrongRedirectAreInvalidGrant() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(client.client().id(), verifier, "tickets:read");
        assertThat(exchange(basic(client), code, CALLBACK, new CodeVerifier()).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_grant");
        AuthorizationCode second = code(client.client().id(), verifier, "tickets:read");
        assertThat(exchange(basic(client), second, URI.create("https://app.example.com/other"), verifier)
                .toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");

        AuthorizationCode third = code(client.client().id(), verifier, "tickets:read");
        TokenResponse first = exchange(basic(client), third, CALLBACK, verifier);
        String access = first.toSuccessResponse().getTokens().getAccessToken().getValue();
        assertThat(hub.server.authenticateBearer(access)).isPresent();
        TokenResponse replay = exchange(basic(client), third, CALLBACK, verifier);
        assertThat(replay.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(hub.server.authenticateBearer(access)).as("tokens of a replayed code are revoked").isEmpty();
    }

    @Test
    void codeOfAnotherClientIsInvalidGrant() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(client.client().id(), verifier, null);
        ClientRegistry.Created other = hub.confidential("authorization_code");
        assertThat(exchange(basic(other), code, CALLBACK, verifier).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_grant");
    }

    @Test
    void expiredCodeIsInvalidGrant() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(client.client().id(), verifier, null);
        hub.clock.advance(java.time.Duration.ofSeconds(61));
        assertThat(exchange(basic(client), code, CALLBACK, verifier).toErrorResponse().getErrorObject().getDescription())
                .contains("expired");
    }

    @Test
    void malformedRepeatedAndWronglyTypedBodiesAreInvalidRequest() throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((client.client().id() + ":" + client.secret()).getBytes());
        assertRaw(post("grant_type=client_credentials&scope=%zz", auth, "application/x-www-form-urlencoded"), 400, "invalid_request");
        assertRaw(post("grant_type=client_credentials&grant_type=client_credentials", auth,
                "application/x-www-form-urlencoded"), 400, "invalid_request");
        assertRaw(post("{\"grant_type\":\"client_credentials\"}", auth, "application/json"), 400, "invalid_request");
        assertRaw(post("scope=tickets:read", auth, "application/x-www-form-urlencoded"), 400, "invalid_request");
        assertRaw(post("grant_type=client_credentials", "Basic !!!", "application/x-www-form-urlencoded"), 401, "invalid_client");
        assertRaw(post("grant_type=client_credentials&client_secret=x", auth, "application/x-www-form-urlencoded"), 400,
                "invalid_request");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((client.client().id() + ":" + client.secret()).getBytes());
        assertRaw(post("grant_type=client_credentials&pad=" + "a".repeat(20_000), auth,
                "application/x-www-form-urlencoded"), 413, "invalid_request");
    }

    @Test
    void getOnTheTokenEndpointIs405ProblemJson() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metadata.getTokenEndpointURI())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private HttpResponse<String> post(String body, String authorization, String type) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(metadata.getTokenEndpointURI())
                .header("Authorization", authorization).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRaw(HttpResponse<String> r, int status, String error) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertThat(json.path("error").asText()).isEqualTo(error);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private static ErrorObject error(TokenRequest request) throws Exception {
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isFalse();
        return response.toErrorResponse().getErrorObject();
    }
}
