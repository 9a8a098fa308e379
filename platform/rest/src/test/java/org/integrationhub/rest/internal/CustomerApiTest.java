package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.rest.internal.ApiServer.json;
import static org.integrationhub.rest.internal.Problems.assertProblem;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The customer endpoints over HTTP, end to end with the real services on H2. */
class CustomerApiTest {

    private static ApiServer api;
    private static String key;

    @BeforeAll
    static void start() {
        api = new ApiServer();
        key = api.key(Scopes.CUSTOMERS_READ, Scopes.CUSTOMERS_WRITE);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private JsonNode create(String email) {
        HttpResponse<String> r = api.post("/v1/customers", key, "{\"email\":\"" + email + "\",\"name\":\"N\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    @Test
    void createReturns201LocationAndTheCustomerThenGetAndListByEmail() {
        HttpResponse<String> r = api.post("/v1/customers", key,
                "{\"email\":\" Grace@Example.com\",\"name\":\"Grace\",\"company\":\"Navy\",\"phone\":\"+1 555 0199\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        JsonNode c = json(r);
        String id = c.get("id").asText();
        assertThat(r.headers().firstValue("Location")).hasValue(api.base + "/v1/customers/" + id);
        assertThat(c.get("email").asText()).isEqualTo("grace@example.com");
        assertThat(c.get("name").asText()).isEqualTo("Grace");
        assertThat(c.get("company").asText()).isEqualTo("Navy");
        assertThat(c.get("phone").asText()).isEqualTo("+1 555 0199");
        assertThat(c.get("external_ids").isObject()).isTrue();
        assertThat(c.get("attributes").isObject()).isTrue();
        assertThat(c.get("created_at").asText()).isEqualTo(c.get("updated_at").asText()).endsWith("Z");

        HttpResponse<String> got = api.get("/v1/customers/" + id, key);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(json(got)).isEqualTo(c);

        JsonNode page = json(api.get("/v1/customers?email=GRACE%40example.COM", key));
        assertThat(page.get("data")).hasSize(1);
        assertThat(page.get("data").get(0)).isEqualTo(c);
        assertThat(page.get("next_cursor").isNull()).isTrue();
        assertThat(page.get("has_more").asBoolean()).isFalse();
        assertThat(json(api.get("/v1/customers?email=nobody%40example.com", key)).get("data")).isEmpty();

        JsonNode conflict = assertProblem(api.post("/v1/customers", key, "{\"email\":\"GRACE@example.com\"}"), 409);
        assertThat(conflict.get("detail").asText()).contains(id);
    }

    @Test
    void patchMergesAndNullClearsOrRemoves() {
        String id = create("patch@example.com").get("id").asText();
        HttpResponse<String> r = api.patch("/v1/customers/" + id, key, "{\"company\":\"Initech\",\"phone\":\"123\","
                + "\"attributes\":{\"hubspot.lifecycle_stage\":\"lead\",\"crm:tier\":\"gold\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode c = json(r);
        assertThat(c.get("company").asText()).isEqualTo("Initech");
        assertThat(c.get("name").asText()).as("absent members stay").isEqualTo("N");
        assertThat(c.get("attributes").size()).isEqualTo(2);

        r = api.send("PATCH", "/v1/customers/" + id, key, BodyPublishers.ofString("{\"phone\":null,"
                + "\"attributes\":{\"crm:tier\":null,\"hubspot.lifecycle_stage\":\"customer\"}}"),
                Map.of("Content-Type", "application/merge-patch+json"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        c = json(r);
        assertThat(c.get("phone").isNull()).isTrue();
        assertThat(c.get("company").asText()).isEqualTo("Initech");
        assertThat(c.get("attributes").toString()).isEqualTo("{\"hubspot.lifecycle_stage\":\"customer\"}");
        assertThat(json(api.get("/v1/customers/" + id, key))).isEqualTo(c);
    }

    @Test
    void badInputIsAProblemNeverAStackTrace() {
        String id = create("bad@example.com").get("id").asText();
        assertThat(fields(assertProblem(api.post("/v1/customers", key, "{\"name\":\"x\"}"), 422)))
                .containsExactly("email");
        assertThat(fields(assertProblem(api.post("/v1/customers", key, "{\"email\":\"no-at\",\"phone\":\""
                + "9".repeat(65) + "\"}"), 422))).containsExactly("email", "phone");
        assertThat(fields(assertProblem(api.post("/v1/customers", key, "{\"email\":\"a@b.co\",\"external_ids\":{}}"),
                400))).containsExactly("external_ids");
        assertThat(fields(assertProblem(api.post("/v1/customers", key, "{\"email\":42}"), 400)))
                .containsExactly("email");
        assertProblem(api.post("/v1/customers", key, "{\"email\":"), 400);

        assertThat(fields(assertProblem(api.patch("/v1/customers/" + id, key, "{\"email\":\"x@y.zz\"}"), 400)))
                .as("the e-mail address never changes").containsExactly("email");
        assertThat(fields(assertProblem(api.patch("/v1/customers/" + id, key, "{\"attributes\":{\"k\":1}}"), 400)))
                .containsExactly("attributes.k");
        assertThat(fields(assertProblem(api.patch("/v1/customers/" + id, key, "{\"attributes\":[]}"), 400)))
                .containsExactly("attributes");
        assertThat(fields(assertProblem(api.patch("/v1/customers/" + id, key, "{\"attributes\":null}"), 422)))
                .containsExactly("attributes");
        assertThat(fields(assertProblem(api.patch("/v1/customers/" + id, key,
                "{\"attributes\":{\"has space\":\"v\"}}"), 422))).containsExactly("attributes");

        assertProblem(api.get("/v1/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV", key), 404);
        assertProblem(api.get("/v1/customers/not-an-id", key), 404);
        assertProblem(api.patch("/v1/customers/not-an-id", key, "{}"), 404);
        assertProblem(api.patch("/v1/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV", key, "{\"name\":\"x\"}"), 404);
        assertThat(fields(assertProblem(api.get("/v1/customers?limit=0", key), 400))).containsExactly("limit");
        assertThat(fields(assertProblem(api.get("/v1/customers?cursor=%21%21", key), 400))).containsExactly("cursor");
        assertThat(fields(assertProblem(api.get("/v1/customers?email=nope", key), 400))).containsExactly("email");
    }

    @Test
    void pagesFollowNextCursorInCreationOrder() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create("page" + i + "@example.com").get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(api.get("/v1/customers?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key));
            page.get("data").forEach(c -> seen.add(c.get("id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            assertThat(page.get("has_more").asBoolean()).isEqualTo(cursor != null);
        } while (cursor != null);
        assertThat(seen).containsSubsequence(created);
    }

    @Test
    void scopesAreEnforcedAndAdminImpliesThem() {
        String ticketsOnly = api.key(Scopes.TICKETS_READ, Scopes.TICKETS_WRITE);
        String readOnly = api.key(Scopes.CUSTOMERS_READ);
        String admin = api.key(Scopes.ADMIN);
        assertProblem(api.get("/v1/customers", ticketsOnly), 403);
        assertProblem(api.get("/v1/customers", null), 401);
        assertThat(api.get("/v1/customers", readOnly).statusCode()).isEqualTo(200);
        HttpResponse<String> denied = api.post("/v1/customers", readOnly, "{\"email\":\"ro@example.com\"}");
        assertProblem(denied, 403);
        assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("scope=\"customers:write\""));
        assertThat(api.post("/v1/customers", admin, "{\"email\":\"admin-made@example.com\"}").statusCode())
                .isEqualTo(201);
    }

    @Test
    void aTicketsCustomerCarriesTheProfile() {
        String tickets = api.key(Scopes.TICKETS_WRITE);
        HttpResponse<String> t = api.post("/v1/tickets", tickets, TicketApiTest.newTicketJson("Hi", "low",
                "profile@example.com"));
        assertThat(t.statusCode()).as(t.body()).isEqualTo(201);
        String customerId = json(t).get("customer").get("id").asText();
        assertThat(api.patch("/v1/customers/" + customerId, key, "{\"company\":\"Umbrella\"}").statusCode())
                .isEqualTo(200);
        String ticketId = json(t).get("id").asText();
        JsonNode again = json(api.get("/v1/tickets/" + ticketId, api.key(Scopes.TICKETS_READ)));
        assertThat(again.get("customer").get("company").asText()).isEqualTo("Umbrella");
        assertThat(again.get("customer").has("attributes")).isTrue();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> names = new ArrayList<>();
        problem.path("errors").forEach(e -> names.add(e.get("field").asText()));
        return names;
    }
}
