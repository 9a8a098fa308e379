package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.rest.internal.ApiServer.json;
import static org.integrationhub.rest.internal.Problems.assertProblem;

import java.net.http.HttpResponse;
import java.util.Map;

import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 401, 403 and 429 with their headers, over HTTP. */
class AuthenticationTest {

    private static ApiServer api;

    @BeforeAll
    static void start() {
        api = new ApiServer();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void missingCredentialIs401WithBearerChallenge() {
        HttpResponse<String> r = api.get("/v1/tickets", null);
        assertProblem(r, 401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"integration-hub\"");
        assertProblem(api.post("/v1/tickets", null, "{}"), 401);
    }

    @Test
    void wrongOrRevokedKeyIs401InvalidToken() {
        for (String bad : new String[] {"hub_wrong", "hub_" + "A".repeat(43), "' OR 1=1 --", "x".repeat(9000)}) {
            HttpResponse<String> r = api.get("/v1/tickets", bad);
            assertProblem(r, 401);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"integration-hub\", error=\"invalid_token\"");
        }
        var created = api.apiKeys.create("revoked", java.util.Set.of(Scopes.ADMIN), null);
        assertThat(api.get("/v1/tickets", created.key()).statusCode()).isEqualTo(200);
        api.apiKeys.revoke(created.info().id());
        assertProblem(api.get("/v1/tickets", created.key()), 401);
    }

    @Test
    void bearerHeaderWorksLikeXApiKey() {
        String key = api.key(Scopes.TICKETS_READ);
        HttpResponse<String> r = api.send("GET", "/v1/tickets", null, null, Map.of("Authorization", "Bearer " + key));
        assertThat(r.statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = api.send("GET", "/v1/tickets", null, null,
                Map.of("Authorization", "Bearer hub_nope"));
        assertProblem(wrong, 401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("error=\"invalid_token\""));
        HttpResponse<String> basic = api.send("GET", "/v1/tickets", null, null,
                Map.of("Authorization", "Basic dXNlcjpwYXNz"));
        assertProblem(basic, 401);
        assertThat(basic.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"integration-hub\"");
    }

    @Test
    void insufficientScopeIs403AndAdminImpliesAll() {
        String reader = api.key(Scopes.TICKETS_READ);
        HttpResponse<String> r = api.post("/v1/tickets", reader, TicketApiTest.newTicketJson("s", "low", "a@example.com"));
        assertProblem(r, 403);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"integration-hub\", error=\"insufficient_scope\", scope=\"tickets:write\"");

        String webhooksOnly = api.key(Scopes.WEBHOOKS_MANAGE);
        HttpResponse<String> read = api.get("/v1/tickets", webhooksOnly);
        assertProblem(read, 403);
        assertThat(read.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("scope=\"tickets:read\""));

        String admin = api.key(Scopes.ADMIN);
        HttpResponse<String> created = api.post("/v1/tickets", admin,
                TicketApiTest.newTicketJson("s", "low", "a@example.com"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(api.get("/v1/tickets/" + json(created).get("id").asText(), admin).statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitedKeyGets429WhileOthersAreUnaffected() {
        String limited = api.key(3, Scopes.TICKETS_READ);
        String other = api.key(3, Scopes.TICKETS_READ);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = api.get("/v1/tickets", limited);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Limit")).hasValue("3");
            assertThat(ok.headers().firstValue("RateLimit-Remaining")).hasValue(String.valueOf(2 - i));
            assertThat(ok.headers().firstValueAsLong("RateLimit-Reset").orElseThrow()).isBetween(1L, 60L);
        }
        HttpResponse<String> limitedResponse = api.get("/v1/tickets", limited);
        var body = assertProblem(limitedResponse, 429);
        assertThat(body.get("detail").asText()).contains("3 requests per minute");
        long retryAfter = limitedResponse.headers().firstValueAsLong("Retry-After").orElseThrow();
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(limitedResponse.headers().firstValue("RateLimit-Limit")).hasValue("3");
        assertThat(limitedResponse.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(limitedResponse.headers().firstValue("RateLimit-Reset")).isPresent();

        HttpResponse<String> otherResponse = api.get("/v1/tickets", other);
        assertThat(otherResponse.statusCode()).isEqualTo(200);
        assertThat(otherResponse.headers().firstValue("RateLimit-Remaining")).hasValue("2");
    }

    @Test
    void rateLimitHeadersOnErrorResponsesOfAuthenticatedClientsAndNoneForUnlimited() {
        String key = api.key(Scopes.TICKETS_READ);
        HttpResponse<String> notFound = api.get("/v1/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV", key);
        assertProblem(notFound, 404);
        assertThat(notFound.headers().firstValue("RateLimit-Limit")).hasValue("1000");
        HttpResponse<String> forbidden = api.post("/v1/tickets", key, "{}");
        assertProblem(forbidden, 403);
        assertThat(forbidden.headers().firstValue("RateLimit-Remaining")).isPresent();

        String unlimited = api.key(0, Scopes.TICKETS_READ);
        HttpResponse<String> r = api.get("/v1/tickets", unlimited);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("RateLimit-Limit")).isEmpty();
    }
}
