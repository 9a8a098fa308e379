package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.rest.internal.ApiServer.json;
import static org.integrationhub.rest.internal.Problems.assertProblem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** A body that does not say it is JSON is refused with 415 problem+json before anything reads it. */
class JsonContentTypeTest {

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

    @Test
    void bodyWithoutContentTypeIs415() throws IOException {
        String body = TicketApiTest.newTicketJson("no type", "low", "b@example.com");
        String response = raw("POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + key
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(response).startsWith("HTTP/1.1 415");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).contains("\"status\":415").contains("no Content-Type");
        assertThat(api.tickets.list(new org.integrationhub.api.TicketQuery(null, null, null, null, 100)).items())
                .noneMatch(t -> t.subject().equals("no type"));
    }

    @Test
    void otherTypesAre415OnEveryMethodWithABody() {
        String ticket = TicketApiTest.newTicketJson("s", "low", "a@example.com");
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/xml",
                "application/jsonx", "text/json"}) {
            JsonNode p = assertProblem(api.send("POST", "/v1/tickets", key, BodyPublishers.ofString(ticket),
                    Map.of("Content-Type", type)), 415);
            assertThat(p.get("type").asText()).isEqualTo("urn:integration-hub:problem:unsupported-media-type");
            assertProblem(api.send("PATCH", "/v1/tickets/" + ticketId, key,
                    BodyPublishers.ofString("{\"priority\":\"high\"}"), Map.of("Content-Type", type)), 415);
            assertProblem(api.send("POST", "/v1/tickets/" + ticketId + "/comments", key,
                    BodyPublishers.ofString("{\"body\":\"x\",\"author\":{\"name\":\"a\"}}"),
                    Map.of("Content-Type", type)), 415);
        }
    }

    @Test
    void jsonTypesAreAccepted() {
        String ticket = TicketApiTest.newTicketJson("s", "low", "a@example.com");
        for (String type : new String[] {"application/json", "application/json; charset=utf-8",
                "APPLICATION/JSON;charset=UTF-8"}) {
            assertThat(api.send("POST", "/v1/tickets", key, BodyPublishers.ofString(ticket),
                    Map.of("Content-Type", type)).statusCode()).as(type).isEqualTo(201);
        }
        assertThat(api.send("PATCH", "/v1/tickets/" + ticketId, key, BodyPublishers.ofString("{\"priority\":\"high\"}"),
                Map.of("Content-Type", "application/merge-patch+json")).statusCode()).isEqualTo(200);
    }

    @Test
    void unauthenticatedCallersGet401NotTheMediaTypeCheck() throws IOException {
        String response = raw("POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2"
                + "\r\nConnection: close\r\n\r\n{}");
        assertThat(response).startsWith("HTTP/1.1 401");
    }

    @Test
    void mediaTypeCheck() {
        assertThat(JsonContentTypeFilter.isJson("application/json")).isTrue();
        assertThat(JsonContentTypeFilter.isJson("application/problem+json")).isTrue();
        assertThat(JsonContentTypeFilter.isJson(" application/json ; charset=utf-8")).isTrue();
        assertThat(JsonContentTypeFilter.isJson(null)).isFalse();
        assertThat(JsonContentTypeFilter.isJson("")).isFalse();
        assertThat(JsonContentTypeFilter.isJson("application/json+x")).isFalse();
        assertThat(JsonContentTypeFilter.isJson("json")).isFalse();
        assertThat(JsonContentTypeFilter.isJson("text/json")).isFalse();
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
