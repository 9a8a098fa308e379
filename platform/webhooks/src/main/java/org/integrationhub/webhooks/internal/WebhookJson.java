package org.integrationhub.webhooks.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.rest.json.JsonRequest;

/** Wire shapes of webhook endpoints and deliveries (snake_case; secrets never leave except when created). */
final class WebhookJson {

    static final Set<String> FIELDS = Set.of("url", "events", "description", "secret", "headers", "rate_limit",
            "tls_verify", "retry_schedule", "disabled");

    private WebhookJson() {
    }

    /**
     * Reads an endpoint body with the API's one JSON reader: an unknown member or a wrong JSON type is a 400 listing
     * every such field, malformed JSON a 400; the values themselves are checked by {@link WebhookValidator} (422).
     */
    static WebhookInput input(InputStream body) {
        JsonRequest r = JsonRequest.read(body, FIELDS);
        WebhookInput in = new WebhookInput(r.string("url", false), r.strings("events"), r.string("description", false),
                r.string("secret", false), r.stringMap("headers"),
                r.integer("rate_limit", false, Integer.MIN_VALUE, Integer.MAX_VALUE), r.bool("tls_verify"),
                r.string("retry_schedule", false), r.bool("disabled"));
        r.validate();
        return in;
    }

    static Map<String, Object> endpoint(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("url", e.url());
        m.put("description", e.description());
        m.put("events", e.events());
        m.put("headers", e.headers());
        m.put("rate_limit", e.rateLimit());
        m.put("tls_verify", e.tlsVerify());
        m.put("retry_schedule", e.retrySchedule());
        m.put("disabled", e.disabled());
        m.put("disabled_reason", e.disabledReason());
        m.put("failing_since", e.failingSince());
        m.put("previous_secret_expires_at", e.previousSecretUntil());
        m.put("created_at", e.createdAt());
        m.put("updated_at", e.updatedAt());
        return m;
    }

    static Map<String, Object> delivery(Delivery d, List<DeliveryAttempt> attempts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("event_id", d.eventId());
        m.put("event_type", d.eventType());
        m.put("ticket_id", d.ticketId());
        m.put("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("attempts_in_round", d.attempts());
        m.put("next_attempt_at", d.nextAttemptAt());
        m.put("last_status_code", d.lastStatusCode());
        m.put("last_error", d.lastError());
        m.put("created_at", d.createdAt());
        m.put("completed_at", d.completedAt());
        List<Map<String, Object>> list = new ArrayList<>();
        for (DeliveryAttempt a : attempts) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("attempt", a.attempt());
            x.put("attempted_at", a.attemptedAt());
            x.put("result", a.result().name().toLowerCase(java.util.Locale.ROOT));
            x.put("status_code", a.statusCode());
            x.put("duration_ms", a.durationMillis());
            x.put("error", a.error());
            x.put("response_excerpt", a.responseExcerpt());
            x.put("next_attempt_at", a.nextAttemptAt());
            list.add(x);
        }
        m.put("attempt_log", list);
        return m;
    }
}
