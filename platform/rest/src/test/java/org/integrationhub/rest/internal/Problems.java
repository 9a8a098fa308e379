package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on problem+json responses. */
final class Problems {

    private Problems() {
    }

    /** Asserts an RFC 9457 problem of that status with no trace of Java internals; returns its body. */
    static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("content type")
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.")
                .doesNotContain("<html").doesNotContain("java.");
        JsonNode body = ApiServer.json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").isTextual()).isTrue();
        assertThat(body.get("title").isTextual()).isTrue();
        assertThat(body.get("detail").isTextual()).isTrue();
        return body;
    }
}
