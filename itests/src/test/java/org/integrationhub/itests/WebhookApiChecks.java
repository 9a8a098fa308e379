package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

/** The /api/v1/webhooks contract, checked over HTTP against a running hub (loopback targets allowed). */
final class WebhookApiChecks {

    private final HubHttp http;
    private final String key;
    private final WebhookReceiver receiver;
    private String id;
    private String secret;

    WebhookApiChecks(HubHttp http, String key, WebhookReceiver receiver) {
        this.http = http;
        this.key = key;
        this.receiver = receiver;
    }

    static void assertProblem(HubHttp.Answer a, int status) {
        assertThat(a.status).as(a.toString()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith("application/problem+json");
        assertThat(a.json.get("status").asInt()).isEqualTo(status);
        assertThat(a.json.has("title")).isTrue();
    }

    void createShowsTheSecretOnlyOnce() throws Exception {
        HubHttp.Answer a = http.post("/api/v1/webhooks", key, "{\"url\":\"" + receiver.url()
                + "\",\"events\":[\"ticket.created\"],\"description\":\"api\",\"headers\":{\"X-Tenant\":\"acme\"}}");
        assertThat(a.status).as(a.toString()).isEqualTo(201);
        id = a.json.get("id").asText();
        secret = a.json.get("secret").asText();
        receiver.secret = secret;
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6)).length).isBetween(24, 64);
        assertThat(a.header("Location")).endsWith("/api/v1/webhooks/" + id);
        HubHttp.Answer one = http.get("/api/v1/webhooks/" + id, key);
        assertThat(one.status).isEqualTo(200);
        assertThat(one.json.has("secret")).isFalse();
        assertThat(one.raw.body()).doesNotContain(secret.substring(6));
        HubHttp.Answer list = http.get("/api/v1/webhooks", key);
        assertThat(list.status).isEqualTo(200);
        assertThat(list.raw.body()).contains(id).doesNotContain(secret.substring(6)).doesNotContain("\"secret\"");
        assertThat(http.get("/api/v1/webhooks", null).status).isEqualTo(401);
    }

    void patchAndRotate() throws Exception {
        HubHttp.Answer p = http.patch("/api/v1/webhooks/" + id, key,
                "{\"description\":\"changed\",\"events\":[\"ticket.created\",\"ticket.updated\"]}");
        assertThat(p.status).as(p.toString()).isEqualTo(200);
        assertThat(p.json.get("description").asText()).isEqualTo("changed");
        assertThat(p.json.get("events").toString()).contains("ticket.updated");
        assertProblem(http.patch("/api/v1/webhooks/" + id, key, "{\"secret\":\"" + secret + "\"}"), 422);
        HubHttp.Answer r = http.post("/api/v1/webhooks/" + id + "/rotate-secret", key, null);
        assertThat(r.status).as(r.toString()).isEqualTo(200);
        String rotated = r.json.get("secret").asText();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(Instant.parse(r.json.get("previous_secret_expires_at").asText())).isAfter(Instant.now());
        secret = rotated;
        receiver.secret = rotated; // the verifier accepts any of the signatures sent during the overlap
    }

    void deliveriesRedeliverAndReplay(BiConsumer<String, BooleanSupplier> await) throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String ticket = http.post("/api/v1/tickets", key, HubHttp.ticketJson("api", "low", "api@example.com"))
                .json.get("id").asText();
        await.accept("the ticket.created delivery", () -> receiver.arrivalsOf(ticket).size() == 1);
        // the outcome is written once the receiver's answer is back: the log may say pending for a moment
        await.accept("the delivery logged as delivered", () -> {
            try {
                return "delivered".equals(http.get("/api/v1/webhooks/" + id + "/deliveries?limit=10", key).json
                        .get("data").get(0).get("status").asText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode page = http.get("/api/v1/webhooks/" + id + "/deliveries?limit=10", key).json;
        JsonNode d = page.get("data").get(0);
        assertThat(d.get("status").asText()).isEqualTo("delivered");
        assertThat(d.get("ticket_id").asText()).isEqualTo(ticket);
        JsonNode attempt = d.get("attempt_log").get(0);
        assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
        assertThat(attempt.has("duration_ms")).isTrue();
        assertThat(page.has("next_cursor")).isTrue();

        HubHttp.Answer again = http.post("/api/v1/webhooks/" + id + "/deliveries/" + d.get("id").asText()
                + "/redeliver", key, null);
        assertThat(again.status).as(again.toString()).isEqualTo(202);
        await.accept("the redelivery", () -> receiver.arrivalsOf(ticket).size() == 2);
        assertThat(receiver.arrivalsOf(ticket)).containsOnly(d.get("event_id").asText());

        HubHttp.Answer replay = http.post("/api/v1/webhooks/" + id + "/replay", key, "{\"since\":\"" + before
                + "\",\"events\":[\"ticket.created\"]}");
        assertThat(replay.status).as(replay.toString()).isEqualTo(202);
        assertThat(replay.json.get("scheduled").asInt()).isGreaterThanOrEqualTo(1);
        await.accept("the replay", () -> receiver.arrivalsOf(ticket).size() == 3);
        assertThat(receiver.rejected).isEmpty();
    }

    void validationAndNotFound() throws Exception {
        assertProblem(http.get("/api/v1/webhooks/01J0000000000000000000NONE", key), 404);
        assertProblem(http.post("/api/v1/webhooks/01J0000000000000000000NONE/rotate-secret", key, null), 404);
        assertProblem(http.post("/api/v1/webhooks/" + id + "/deliveries/01J0000000000000000000NONE/redeliver", key,
                null), 404);
        HubHttp.Answer bad = http.post("/api/v1/webhooks", key, "{\"url\":\"ftp://x/y\",\"events\":[\"nope\"],"
                + "\"headers\":{\"webhook-id\":\"x\"},\"secret\":\"whsec_short\"}");
        assertProblem(bad, 422);
        assertThat(bad.json.get("errors").toString()).contains("url", "events", "headers", "secret");
        assertProblem(http.post("/api/v1/webhooks/" + id + "/replay", key, "{}"), 422);
        assertProblem(http.post("/api/v1/webhooks/" + id + "/replay", key, "{\"since\":\"yesterday\"}"), 422);
        assertProblem(http.get("/api/v1/webhooks/" + id + "/deliveries?status=lost", key), 400); // as every list
        assertThat(http.post("/api/v1/webhooks", key, "{\"url\":").status).isEqualTo(400);
    }

    void privateTargetsAreRefused() throws Exception {
        for (String url : new String[] {"http://10.1.2.3/hook", "http://192.168.1.10/hook", "http://172.16.0.1/hook",
            "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/hook", "http://[fd00::1]/hook",
            "http://100.64.0.1/hook", "http://0.0.0.0/hook", "http://224.0.0.1/hook"}) {
            HubHttp.Answer a = http.post("/api/v1/webhooks", key, "{\"url\":\"" + url + "\",\"events\":[\"*\"]}");
            assertProblem(a, 422);
            assertThat(a.json.get("errors").get(0).get("field").asText()).as(url).isEqualTo("url");
        }
        assertProblem(http.patch("/api/v1/webhooks/" + id, key, "{\"url\":\"http://10.0.0.1/x\"}"), 422);
    }

    void delete() throws Exception {
        assertThat(http.send("DELETE", "/api/v1/webhooks/" + id, key, null).status).isEqualTo(204);
        assertProblem(http.get("/api/v1/webhooks/" + id, key), 404);
        assertProblem(http.send("DELETE", "/api/v1/webhooks/" + id, key, null), 404);
    }
}
