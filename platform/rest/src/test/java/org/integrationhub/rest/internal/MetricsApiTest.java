package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.rest.internal.ApiServer.json;
import static org.integrationhub.rest.internal.Problems.assertProblem;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.security.HubPrincipal;
import org.integrationhub.security.Scopes;
import org.integrationhub.rest.spi.TokenAuthenticator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** GET /api/v1/metrics/tickets over HTTP with the real ticket service on H2 (the figures: core's MetricsTest). */
class MetricsApiTest {

    private static final List<String> FIGURES = List.of("open", "overdue", "sla_breached",
            "average_resolution_minutes", "resolved_in_window");

    @Test
    void figuresInTotalAndPerPriority() {
        try (ApiServer api = new ApiServer()) {
            String writer = api.key(Scopes.TICKETS_READ, Scopes.TICKETS_WRITE);
            String reader = api.key(Scopes.TICKETS_READ);

            JsonNode empty = json(ok(api.get("/v1/metrics/tickets", reader)));
            assertThat(empty.get("open").asLong()).isZero();
            assertThat(empty.get("resolved_in_window").asLong()).isZero();
            assertThat(empty.has("average_resolution_minutes")).isTrue();
            assertThat(empty.get("average_resolution_minutes").isNull()).isTrue();
            assertThat(empty.get("window_minutes").asInt()).isEqualTo(60);

            String urgent = created(api, writer, "urgent");
            created(api, writer, "urgent");
            created(api, writer, "low");
            assertThat(api.patch("/v1/tickets/" + urgent, writer, "{\"status\":\"resolved\"}").statusCode())
                    .isEqualTo(200);

            HttpResponse<String> r = ok(api.get("/v1/metrics/tickets", reader));
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
            JsonNode m = json(r);
            assertThat(m.get("open").asLong()).isEqualTo(2);
            assertThat(m.get("overdue").asLong()).isZero();
            assertThat(m.get("sla_breached").asLong()).isZero();
            assertThat(m.get("resolved_in_window").asLong()).isEqualTo(1);
            assertThat(m.get("average_resolution_minutes").isNumber()).isTrue();
            assertThat(m.get("average_resolution_minutes").asDouble()).isBetween(0.0, 1.0);
            assertThat(m.get("window_minutes").asInt()).isEqualTo(60);
            assertThat(Instant.parse(m.get("at").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());

            JsonNode byPriority = m.get("by_priority");
            assertThat(byPriority.fieldNames()).toIterable().containsExactly("low", "normal", "high", "urgent");
            for (JsonNode p : byPriority) {
                assertThat(p.fieldNames()).toIterable().containsExactlyElementsOf(FIGURES);
            }
            assertThat(byPriority.get("urgent").get("open").asLong()).isEqualTo(1);
            assertThat(byPriority.get("urgent").get("resolved_in_window").asLong()).isEqualTo(1);
            assertThat(byPriority.get("urgent").get("average_resolution_minutes"))
                    .isEqualTo(m.get("average_resolution_minutes"));
            assertThat(byPriority.get("low").get("open").asLong()).isEqualTo(1);
            assertThat(byPriority.get("low").get("average_resolution_minutes").isNull()).isTrue();
            assertThat(byPriority.get("normal").get("open").asLong()).isZero();
        }
    }

    @Test
    void needsTicketsReadScope() {
        try (ApiServer api = new ApiServer()) {
            assertProblem(api.get("/v1/metrics/tickets", null), 401);
            HttpResponse<String> r = api.get("/v1/metrics/tickets", api.key(Scopes.WEBHOOKS_MANAGE));
            assertProblem(r, 403);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).contains("scope=\"tickets:read\""));
            assertProblem(api.post("/v1/metrics/tickets", api.key(Scopes.TICKETS_READ), "{}"), 405);
        }
    }

    @Test
    void minutesHaveTwoDecimals() {
        assertThat(MetricsResource.minutes(null)).isNull();
        assertThat(MetricsResource.minutes(Duration.ofSeconds(90))).isEqualTo(1.5);
        assertThat(MetricsResource.minutes(Duration.ofMinutes(555))).isEqualTo(555.0);
        assertThat(MetricsResource.minutes(Duration.ofMillis(1_501))).isEqualTo(0.03);
    }

    @Test
    void aFailureIs500WithAnErrorIdAndNoDetail() {
        TokenAuthenticator anyone = t -> Optional.of(new HubPrincipal("c", "c", HubPrincipal.Kind.API_KEY,
                Set.of(Scopes.TICKETS_READ), 0));
        try (ApiServer healthy = new ApiServer();
                ApiServer failing = new ApiServer(HubApiApplication.create(new FailingTicketService(),
                        healthy.database, List.of(anyone), healthy.rateLimits, 1024))) {
            JsonNode p = assertProblem(failing.get("/v1/metrics/tickets", "any"), 500);
            assertThat(p.get("detail").asText()).contains(p.get("error_id").asText()).doesNotContain("boom");
        }
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static String created(ApiServer api, String key, String priority) {
        HttpResponse<String> r = api.post("/v1/tickets", key,
                TicketApiTest.newTicketJson("Metrics " + priority, priority, "m@example.com"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asText();
    }
}
