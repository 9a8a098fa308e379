package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /api/v1/openapi.json}: no credentials, JSON, cacheable, revalidated with its ETag. */
class OpenApiResourceTest {

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
    void servedWithoutCredentialsAndCacheable() {
        HttpResponse<String> r = api.get("/v1/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct)
                .startsWith("application/json"));
        assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(cc -> assertThat(cc)
                .contains("max-age=3600"));
        JsonNode doc = ApiServer.json(r);
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("X-API-Key");
        assertThat(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(OpenApiResource.load());

        String etag = r.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = api.send("GET", "/v1/openapi.json", null, null, Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> other = api.send("GET", "/v1/openapi.json", null, null,
                Map.of("If-None-Match", "\"something-else\""));
        assertThat(other.statusCode()).isEqualTo(200);
    }
}
