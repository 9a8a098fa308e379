package org.integrationhub.webhooks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.BadRequestException;

import com.fasterxml.jackson.databind.JsonNode;

import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.core.json.HubJson;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;

/** Wire shapes of webhook endpoints and deliveries (snake_case; secrets never leave except when created). */
final class WebhookJson {

    static final Set<String> FIELDS = Set.of("url", "events", "description", "secret", "headers", "rate_limit",
            "tls_verify", "retry_schedule", "disabled");

    private WebhookJson() {
    }

    static JsonNode object(InputStream body) {
        JsonNode n;
        try {
            n = HubJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("malformed JSON");
        }
        if (n == null || !n.isObject()) {
            throw new ValidationException("body", "must be a JSON object");
        }
        return n;
    }

    static WebhookInput input(InputStream body) {
        JsonNode n = object(body);
        List<FieldError> errors = new ArrayList<>();
        n.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError(f, "unknown field"));
            }
        });
        List<String> events = null;
        if (n.hasNonNull("events")) {
            if (!n.get("events").isArray()) {
                errors.add(new FieldError("events", "must be an array of event types"));
            } else {
                events = new ArrayList<>();
                for (JsonNode e : n.get("events")) {
                    events.add(e.asText());
                }
            }
        }
        Map<String, String> headers = null;
        if (n.hasNonNull("headers")) {
            if (!n.get("headers").isObject()) {
                errors.add(new FieldError("headers", "must be an object of header names to values"));
            } else {
                headers = new LinkedHashMap<>();
                for (var it = n.get("headers").fields(); it.hasNext();) {
                    var h = it.next();
                    headers.put(h.getKey(), h.getValue().isTextual() ? h.getValue().asText() : null);
                }
            }
        }
        Integer rate = null;
        if (n.hasNonNull("rate_limit")) {
            if (!n.get("rate_limit").canConvertToInt()) {
                errors.add(new FieldError("rate_limit", "must be an integer"));
            } else {
                rate = n.get("rate_limit").intValue();
            }
        }
        for (String b : List.of("tls_verify", "disabled")) {
            if (n.hasNonNull(b) && !n.get(b).isBoolean()) {
                errors.add(new FieldError(b, "must be true or false"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new WebhookInput(text(n, "url"), events, text(n, "description"), text(n, "secret"), headers, rate,
                bool(n, "tls_verify"), text(n, "retry_schedule"), bool(n, "disabled"));
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

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Boolean bool(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).booleanValue() : null;
    }
}
