package org.integrationhub.rest.internal;

import org.integrationhub.rest.spi.TokenAuthenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.rest.internal.ApiServer.json;
import static org.integrationhub.rest.internal.Problems.assertProblem;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Every error is problem+json with a 4xx status for bad input, never HTML or a stack trace. */
class ErrorHandlingTest {

    private static ApiServer api;
    private static String key;
    private static String ticketId;

    @BeforeAll
    static void start() {
        api = new ApiServer();
        key = api.key(0, Scopes.ADMIN);
        ticketId = json(api.post("/v1/tickets", key, TicketApiTest.newTicketJson("s", "low", "a@example.com")))
                .get("id").asText();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    void malformedJsonIs400() {
        for (String body : new String[] {"{", "{\"subject\":}", "not json", "{\"subject\":\"a\"} trailing",
                "{\"subject\":\"a\",\"subject\":\"b\",\"customer\":{\"email\":\"a@example.com\"}}"}) {
            JsonNode p = assertProblem(api.post("/v1/tickets", key, body), 400);
            assertThat(p.get("title").asText()).isEqualTo("Malformed JSON");
        }
        JsonNode empty = assertProblem(api.post("/v1/tickets", key, ""), 400);
        assertThat(empty.get("detail").asText()).contains("required");
    }

    @Test
    void wrongShapesAre400NamingTheField() {
        JsonNode p = assertProblem(api.post("/v1/tickets", key,
                "{\"subject\":42,\"customer\":{\"email\":[\"a\"],\"phone\":\"1\"},\"extra\":true}"), 400);
        assertThat(fields(p)).containsExactlyInAnyOrder("subject", "customer.email", "customer.phone", "extra");
        assertThat(p.get("errors").get(0).get("message").isTextual()).isTrue();

        assertThat(fields(assertProblem(api.post("/v1/tickets", key, "[1,2,3]"), 400))).containsExactly("(body)");
        assertThat(fields(assertProblem(api.post("/v1/tickets", key, "\"string\""), 400))).containsExactly("(body)");
        assertThat(fields(assertProblem(api.post("/v1/tickets", key,
                "{\"subject\":\"s\",\"customer\":[]}"), 400))).containsExactly("customer");
        assertThat(fields(assertProblem(api.patch("/v1/tickets/" + ticketId, key, "{\"colour\":\"red\"}"), 400)))
                .containsExactly("colour");
        assertThat(fields(assertProblem(api.patch("/v1/tickets/" + ticketId, key, "{\"status\":1}"), 400)))
                .containsExactly("status");
        assertThat(fields(assertProblem(api.post("/v1/tickets/" + ticketId + "/rating", key, "{\"score\":\"5\"}"),
                400))).containsExactly("score");
        assertThat(fields(assertProblem(api.post("/v1/tickets/" + ticketId + "/rating", key, "{\"score\":4.5}"),
                400))).containsExactly("score");
        assertThat(fields(assertProblem(api.post("/v1/tickets/" + ticketId + "/comments", key,
                "{\"body\":\"b\",\"internal\":\"yes\"}"), 400))).containsExactly("internal");
    }

    @Test
    void invalidValuesAre422WithFieldErrors() {
        JsonNode p = assertProblem(api.post("/v1/tickets", key, "{\"priority\":\"critical\",\"customer\":{}}"), 422);
        assertThat(fields(p)).containsExactlyInAnyOrder("subject", "priority", "customer.email");
        p.get("errors").forEach(e -> {
            if (e.get("field").asText().equals("priority")) {
                assertThat(e.get("message").asText()).contains("low, normal, high, urgent");
            }
        });
        assertThat(fields(assertProblem(api.post("/v1/tickets", key, "{\"subject\":\"  \"}"), 422)))
                .containsExactlyInAnyOrder("subject", "customer");
        assertThat(fields(assertProblem(api.post("/v1/tickets", key,
                "{\"subject\":\"s\",\"customer\":{\"email\":\"not-an-email\"}}"), 422))).containsExactly("customer.email");
        assertThat(fields(assertProblem(api.patch("/v1/tickets/" + ticketId, key, "{\"status\":\"done\"}"), 422)))
                .containsExactly("status");
        assertThat(fields(assertProblem(api.patch("/v1/tickets/" + ticketId, key, "{\"subject\":null}"), 422)))
                .containsExactly("subject");
        for (String score : new String[] {"0", "6", "-1", "99999999999"}) {
            assertThat(fields(assertProblem(api.post("/v1/tickets/" + ticketId + "/rating", key,
                    "{\"score\":" + score + "}"), 422))).containsExactly("score");
        }
        assertThat(fields(assertProblem(api.post("/v1/tickets/" + ticketId + "/rating", key, "{}"), 422)))
                .containsExactly("score");
        assertThat(fields(assertProblem(api.post("/v1/tickets/" + ticketId + "/comments", key, "{\"body\":\"\"}"),
                422))).containsExactly("body");
    }

    @Test
    void badQueryParametersAre400() {
        assertThat(fields(assertProblem(api.get("/v1/tickets?status=done", key), 400))).containsExactly("status");
        assertThat(fields(assertProblem(api.get("/v1/tickets?priority=HIGHEST", key), 400)))
                .containsExactly("priority");
        for (String limit : new String[] {"abc", "0", "201", "-5", "1e3", "99999999999999"}) {
            assertThat(fields(assertProblem(api.get("/v1/tickets?limit=" + limit, key), 400)))
                    .containsExactly("limit");
        }
        for (String cursor : new String[] {"garbage", "AAAA", "%27%20OR%201%3D1", "x".repeat(500)}) {
            assertThat(fields(assertProblem(api.get("/v1/tickets?cursor=" + cursor, key), 400)))
                    .containsExactly("cursor");
        }
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "{\"subject\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        JsonNode p = assertProblem(api.post("/v1/tickets", key, big), 413);
        assertThat(p.get("detail").asText()).contains("1048576");

        // Chunked (no Content-Length): counted while read.
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = api.send("POST", "/v1/tickets", key,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)), Map.of());
        assertProblem(chunked, 413);

        // 10 MB declared
        String huge = "[" + "1,".repeat(5 * 1024 * 1024) + "1]";
        assertProblem(api.post("/v1/tickets", key, huge), 413);
    }

    @Test
    void declaredOversizedBodyIsRefusedBeforeItIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.base.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String status = in.readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
            String line;
            boolean problem = false;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                problem |= line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type: application/problem+json");
            }
            assertThat(problem).isTrue();
        }
    }

    @Test
    void deeplyNestedJsonIs4xx() {
        String deep = "{\"subject\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        HttpResponse<String> r = api.post("/v1/tickets", key, deep);
        assertProblem(r, 400);
        String deepObjects = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        assertProblem(api.post("/v1/tickets", key, deepObjects), 400);
    }

    @Test
    void hostileIdsAndParametersAre4xx() {
        String[] hostile = {"' OR '1'='1", "1; DROP TABLE ticket;--", "../../etc/passwd", "<script>alert(1)</script>",
                "%00", "01ARZ3NDEKTSV4RRFFQ69G5FA", "01ARZ3NDEKTSV4RRFFQ69G5FAVX", "ILOU0000000000000000000000",
                "${jndi:ldap://x/a}", "x".repeat(3000)};
        for (String id : hostile) {
            String path = "/v1/tickets/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            HttpResponse<String> get = api.get(path, key);
            assertThat(get.statusCode()).as(id).isBetween(400, 499);
            assertProblem(get, get.statusCode());
            HttpResponse<String> patch = api.patch(path, key, "{\"status\":\"closed\"}");
            assertThat(patch.statusCode()).as(id).isBetween(400, 499);
            assertProblem(patch, patch.statusCode());
            HttpResponse<String> comments = api.get(path + "/comments", key);
            assertThat(comments.statusCode()).as(id).isBetween(400, 499);
            assertProblem(comments, comments.statusCode());

            String q = URLEncoder.encode(id, StandardCharsets.UTF_8);
            HttpResponse<String> list = api.get("/v1/tickets?assignee=" + q + "&status=" + q + "&cursor=" + q, key);
            assertThat(list.statusCode()).as(id).isBetween(400, 499);
            assertProblem(list, list.statusCode());
            HttpResponse<String> assigneeOnly = api.get("/v1/tickets?assignee=" + q, key);
            assertThat(assigneeOnly.statusCode()).as(id).isEqualTo(200);
            assertThat(json(assigneeOnly).get("data").size()).isZero();
        }
        HttpResponse<String> injected = api.post("/v1/tickets", key,
                TicketApiTest.newTicketJson("'; DROP TABLE ticket; --", "low", "x@example.com"));
        assertThat(injected.statusCode()).isEqualTo(201);
        assertThat(json(injected).get("subject").asText()).isEqualTo("'; DROP TABLE ticket; --");
        assertThat(api.get("/v1/tickets", key).statusCode()).isEqualTo(200);
    }

    @Test
    void jaxRsErrorsAreProblems() {
        assertProblem(api.get("/v1/nothing-here", key), 404);
        assertProblem(api.get("/v1/tickets/" + ticketId + "/nope", key), 404);
        HttpResponse<String> notAllowed = api.send("DELETE", "/v1/tickets/" + ticketId, key, null, Map.of());
        assertProblem(notAllowed, 405);
        assertThat(notAllowed.headers().firstValue("Allow")).isPresent();
        assertProblem(api.send("PUT", "/v1/health", null, BodyPublishers.ofString("{}"), Map.of()), 405);
        assertProblem(api.send("POST", "/v1/tickets", key, BodyPublishers.ofString("subject=x"),
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 415);
        assertProblem(api.send("POST", "/v1/tickets", key, BodyPublishers.ofString("{}"),
                Map.of("Content-Type", "text/plain")), 415);
        assertProblem(api.send("GET", "/v1/tickets/" + ticketId, key, null, Map.of("Accept", "text/html")), 406);
        assertProblem(api.send("GET", "/v1/tickets", key, null, Map.of("Accept", "application/xml")), 406);
    }

    @Test
    void unexpectedFailuresAre500WithAnErrorId() {
        var broken = HubApiApplication.create(new FailingTicketService(), api.database,
                java.util.List.<TokenAuthenticator>of(t -> java.util.Optional.of(new org.integrationhub.security.HubPrincipal(
                        "c", "c", org.integrationhub.security.HubPrincipal.Kind.API_KEY,
                        java.util.Set.of(Scopes.ADMIN), 0))),
                api.rateLimits, 1024);
        try (ApiServer failing = new ApiServer(broken)) {
            HttpResponse<String> r = failing.get("/v1/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV", "any");
            JsonNode p = assertProblem(r, 500);
            assertThat(p.get("error_id").asText()).isNotBlank();
            assertThat(p.get("detail").asText()).contains(p.get("error_id").asText()).doesNotContain("boom");
        }
    }

    @Test
    void healthIs503ProblemWhenTheDatabaseIsDown() {
        var down = HubApiApplication.create(new FailingTicketService(), new FailingTicketService.DownDatabase(),
                java.util.List.<TokenAuthenticator>of(t -> java.util.Optional.empty()), api.rateLimits, 1024);
        try (ApiServer failing = new ApiServer(down)) {
            JsonNode p = assertProblem(failing.get("/v1/health", null), 503);
            assertThat(p.get("database").asText()).isEqualTo("DOWN");
        }
    }
}
