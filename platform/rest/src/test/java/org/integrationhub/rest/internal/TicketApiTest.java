package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.rest.internal.ApiServer.json;
import static org.integrationhub.rest.internal.Problems.assertProblem;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The helpdesk endpoints over HTTP, end to end with the real services on H2. */
class TicketApiTest {

    private static ApiServer api;
    private static String key;

    @BeforeAll
    static void start() {
        api = new ApiServer();
        key = api.key(Scopes.TICKETS_READ, Scopes.TICKETS_WRITE);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String newTicketJson(String subject, String priority, String email) {
        return "{\"subject\":\"" + subject + "\",\"description\":\"It broke\",\"priority\":\"" + priority
                + "\",\"customer\":{\"email\":\"" + email + "\",\"name\":\"Ann\"}}";
    }

    private JsonNode create(String subject, String priority) {
        HttpResponse<String> r = api.post("/v1/tickets", key, newTicketJson(subject, priority, "ann@example.com"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    @Test
    void healthNeedsNoCredentials() {
        HttpResponse<String> r = api.get("/v1/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        JsonNode body = json(r);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("database").asText()).isEqualTo("UP");
        assertThat(r.headers().firstValue("RateLimit-Limit")).isEmpty();
    }

    @Test
    void createReturns201LocationAndTheTicket() {
        HttpResponse<String> r = api.post("/v1/tickets", key,
                newTicketJson("Printer on fire", "urgent", "Ann@Example.com"));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        JsonNode t = json(r);
        String id = t.get("id").asText();
        assertThat(id).matches("[0-9A-Z]{26}");
        assertThat(r.headers().firstValue("Location")).hasValue(api.base + "/v1/tickets/" + id);
        assertThat(t.get("subject").asText()).isEqualTo("Printer on fire");
        assertThat(t.get("description").asText()).isEqualTo("It broke");
        assertThat(t.get("priority").asText()).isEqualTo("urgent");
        assertThat(t.get("status").asText()).isEqualTo("open");
        assertThat(t.get("customer").get("email").asText()).isEqualTo("ann@example.com");
        assertThat(t.get("customer").get("name").asText()).isEqualTo("Ann");
        assertThat(t.has("assignee")).isTrue();
        assertThat(t.get("assignee").isNull()).isTrue();
        assertThat(t.get("resolved_at").isNull()).isTrue();
        assertThat(t.get("created_at").asText()).endsWith("Z");
        assertThat(t.get("sla_due_at").isTextual()).isTrue();
        assertThat(t.get("updated_at").isTextual()).isTrue();

        HttpResponse<String> got = api.get("/v1/tickets/" + id, key);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(json(got)).isEqualTo(t);
    }

    @Test
    void priorityDefaultsToNormalAndAssigneeIsKept() {
        HttpResponse<String> r = api.post("/v1/tickets", key,
                "{\"subject\":\"s\",\"customer\":{\"email\":\"b@example.com\"},\"assignee\":\"agent@example.com\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("priority").asText()).isEqualTo("normal");
        assertThat(json(r).get("assignee").asText()).isEqualTo("agent@example.com");
    }

    @Test
    void patchChangesOnlyWhatIsGivenAndNullUnassigns() {
        String id = create("Patch me", "low").get("id").asText();
        HttpResponse<String> r = api.patch("/v1/tickets/" + id, key,
                "{\"status\":\"pending\",\"assignee\":\"bob@example.com\",\"priority\":\"high\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode t = json(r);
        assertThat(t.get("status").asText()).isEqualTo("pending");
        assertThat(t.get("assignee").asText()).isEqualTo("bob@example.com");
        assertThat(t.get("priority").asText()).isEqualTo("high");
        assertThat(t.get("subject").asText()).isEqualTo("Patch me");

        JsonNode unassigned = json(api.patch("/v1/tickets/" + id, key, "{\"assignee\":null}"));
        assertThat(unassigned.get("assignee").isNull()).isTrue();
        assertThat(unassigned.get("priority").asText()).isEqualTo("high");

        JsonNode unchanged = json(api.patch("/v1/tickets/" + id, key, "{}"));
        assertThat(unchanged.get("status").asText()).isEqualTo("pending");

        HttpResponse<String> merge = api.send("PATCH", "/v1/tickets/" + id, key,
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"subject\":\"Renamed\"}"),
                java.util.Map.of("Content-Type", "application/merge-patch+json"));
        assertThat(json(merge).get("subject").asText()).isEqualTo("Renamed");
    }

    @Test
    void statusMachineIsEnforcedWith409() {
        String id = create("Lifecycle", "normal").get("id").asText();
        assertThat(json(api.patch("/v1/tickets/" + id, key, "{\"status\":\"resolved\"}")).get("resolved_at")
                .isTextual()).isTrue();
        assertProblem(api.patch("/v1/tickets/" + id, key, "{\"status\":\"pending\"}"), 409);
        assertThat(api.patch("/v1/tickets/" + id, key, "{\"status\":\"closed\"}").statusCode()).isEqualTo(200);
        assertProblem(api.patch("/v1/tickets/" + id, key, "{\"status\":\"resolved\"}"), 409);
        assertThat(json(api.patch("/v1/tickets/" + id, key, "{\"status\":\"open\"}")).get("status").asText())
                .isEqualTo("open");
    }

    @Test
    void listFiltersAndPaginatesWithCursor() {
        String agent = "pager-" + System.nanoTime() + "@example.com";
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = api.post("/v1/tickets", key, "{\"subject\":\"page " + i
                    + "\",\"priority\":\"high\",\"customer\":{\"email\":\"c@example.com\"},\"assignee\":\"" + agent
                    + "\"}");
            created.add(json(r).get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> r = api.get("/v1/tickets?assignee=" + agent + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = json(r);
            page.get("data").forEach(t -> seen.add(t.get("id").asText()));
            assertThat(page.get("data").size()).isLessThanOrEqualTo(2);
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            assertThat(page.get("has_more").asBoolean()).isEqualTo(cursor != null);
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(created);
        assertThat(seen).containsExactlyElementsOf(created);

        JsonNode high = json(api.get("/v1/tickets?priority=high&status=open&assignee=" + agent, key));
        assertThat(high.get("data").size()).isEqualTo(5);
        JsonNode none = json(api.get("/v1/tickets?priority=low&assignee=" + agent, key));
        assertThat(none.get("data").size()).isZero();
        assertThat(none.get("next_cursor").isNull()).isTrue();
        assertThat(none.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void commentsRatingAndEvents() {
        String id = create("Talk", "normal").get("id").asText();
        HttpResponse<String> c = api.post("/v1/tickets/" + id + "/comments", key,
                "{\"body\":\"Have you tried turning it off?\",\"author\":{\"name\":\"Agent\",\"email\":\"agent@example.com\"},\"internal\":true}");
        assertThat(c.statusCode()).as(c.body()).isEqualTo(201);
        JsonNode comment = json(c);
        assertThat(comment.get("ticket_id").asText()).isEqualTo(id);
        assertThat(comment.get("internal").asBoolean()).isTrue();
        assertThat(comment.get("author").get("email").asText()).isEqualTo("agent@example.com");
        assertThat(api.post("/v1/tickets/" + id + "/comments", key, "{\"body\":\"public\"}").statusCode())
                .isEqualTo(201);

        JsonNode comments = json(api.get("/v1/tickets/" + id + "/comments", key));
        assertThat(comments.get("data")).hasSize(2);
        assertThat(comments.get("data").get(0).get("body").asText()).isEqualTo("Have you tried turning it off?");

        HttpResponse<String> rating = api.post("/v1/tickets/" + id + "/rating", key, "{\"score\":5,\"comment\":\"Great\"}");
        assertThat(rating.statusCode()).as(rating.body()).isEqualTo(201);
        assertThat(json(rating).get("score").asInt()).isEqualTo(5);
        assertThat(api.post("/v1/tickets/" + id + "/rating", key, "{\"score\":4}").statusCode()).isEqualTo(201);

        api.patch("/v1/tickets/" + id, key, "{\"status\":\"resolved\"}");
        HttpResponse<String> ev = api.get("/v1/tickets/" + id + "/events", key);
        assertThat(ev.statusCode()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        json(ev).get("data").forEach(e -> {
            types.add(e.get("type").asText());
            assertThat(e.get("id").asText()).hasSize(26);
            assertThat(e.get("timestamp").asText()).endsWith("Z");
            assertThat(e.get("data").get("ticket").get("id").asText()).isEqualTo(id);
        });
        assertThat(types).containsExactly("ticket.created", "comment.added", "comment.added", "rating.received",
                "rating.received", "ticket.resolved");
        JsonNode resolved = json(ev).get("data").get(5);
        assertThat(resolved.get("data").get("changed_fields").toString()).contains("status");
    }

    @Test
    void unknownTicketsAre404() {
        assertProblem(api.get("/v1/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV", key), 404);
        assertProblem(api.patch("/v1/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV", key, "{\"status\":\"closed\"}"), 404);
        assertProblem(api.post("/v1/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV/comments", key, "{\"body\":\"x\"}"), 404);
        assertProblem(api.get("/v1/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV/comments", key), 404);
        assertProblem(api.post("/v1/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV/rating", key, "{\"score\":3}"), 404);
        assertProblem(api.get("/v1/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV/events", key), 404);
        assertProblem(api.get("/v1/tickets/not-a-ulid", key), 404);
    }
}
