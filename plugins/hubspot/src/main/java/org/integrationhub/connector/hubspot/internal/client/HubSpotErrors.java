package org.integrationhub.connector.hubspot.internal.client;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Classifies HubSpot's answers: 2xx passes; 401/403 → AUTHENTICATION (a revoked token, a missing
 * {@code crm.objects.contacts.read} scope); 400/404/422 → CONFIGURATION; 429 and 423 Locked → RATE_LIMITED (a 423
 * waits its {@code Retry-After} or HubSpot's 2-second lock); 477 Migration in Progress → COMMUNICATION after its
 * {@code Retry-After} (one hour without one); 5xx → COMMUNICATION.
 * The wait of a 429 is, in this order: its {@code Retry-After} (seconds); for the {@code DAILY} policy named in the
 * body ({@code "policyName":"DAILY"}) {@link #DAILY_WAIT}, since the daily allowance resets at midnight in the
 * account's time zone, which the connector does not know; for the search endpoint's per-second policy one second;
 * otherwise the {@code X-HubSpot-RateLimit-Interval-Milliseconds} window ({@code TEN_SECONDLY_ROLLING}), or
 * {@link #WINDOW} without one. HubSpot's message is quoted shortened, never with the token.
 */
public final class HubSpotErrors {

    /** HubSpot's rolling window for the per-app burst limit. */
    static final Duration WINDOW = Duration.ofSeconds(10);
    /** How long a 429 of the daily policy waits before the next try. */
    static final Duration DAILY_WAIT = Duration.ofHours(1);
    /** HubSpot's 423 Locked: a record lock during bulk syncs, lasting 2 seconds. */
    static final int LOCKED = 423;
    /** How long a 423 waits: HubSpot's locks last 2 seconds. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(2);
    /** HubSpot's 477 Migration in Progress: the account moves between data hosting locations (Retry-After, ≤ 24 h). */
    static final int MIGRATION_IN_PROGRESS = 477;
    /** The interval header HubSpot sends with its rate-limit answers. */
    static final String INTERVAL_HEADER = "X-HubSpot-RateLimit-Interval-Milliseconds";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;

    HubSpotErrors(String token) {
        this.token = token == null || token.length() < 4 ? null : token;
    }

    /** @throws IntegrationException unless the answer is a 2xx */
    void check(String method, String path, HttpResponse<?> response, String responseBody)
            throws IntegrationException {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        JsonNode body = parse(responseBody);
        String policy = body == null ? "" : body.path("policyName").asText("");
        String message = body == null ? "" : body.path("message").asText("");
        // HubSpot's message if it gave one; the start of a body that is not JSON (a proxy's page) otherwise
        String text = excerpt(!message.isEmpty() ? message : body == null ? responseBody : "");
        String what = "HubSpot answered " + method + " " + path + " with HTTP " + status
                + (policy.isEmpty() ? "" : " (" + policy + ")") + (text.isEmpty() ? "" : ": " + text);
        if (status == LOCKED) {
            throw new IntegrationException(ErrorCategory.RATE_LIMITED, what, null,
                    positive(response.headers().firstValue("Retry-After"), Duration::ofSeconds).orElse(LOCK_WAIT));
        }
        if (status == MIGRATION_IN_PROGRESS) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, what, null,
                    positive(response.headers().firstValue("Retry-After"), Duration::ofSeconds).orElse(DAILY_WAIT));
        }
        ErrorCategory category = ErrorCategory.fromHttpStatus(status);
        throw new IntegrationException(category, what, null,
                category == ErrorCategory.RATE_LIMITED ? retryAfter(response, policy) : null);
    }

    /**
     * @param response a 429 answer
     * @param policy the {@code policyName} of its body, or ""
     * @return how long to wait before the next call
     */
    static Duration retryAfter(HttpResponse<?> response, String policy) {
        Optional<Duration> header = positive(response.headers().firstValue("Retry-After"), Duration::ofSeconds);
        if (header.isPresent()) {
            return header.get();
        }
        String p = policy.toUpperCase(Locale.ROOT);
        if (p.equals("DAILY")) {
            return DAILY_WAIT;
        }
        if (p.equals("SECONDLY")) {
            return Duration.ofSeconds(1);
        }
        return positive(response.headers().firstValue(INTERVAL_HEADER), Duration::ofMillis).orElse(WINDOW);
    }

    private static Optional<Duration> positive(Optional<String> value, java.util.function.LongFunction<Duration> unit) {
        try {
            return value.map(v -> Long.parseLong(v.trim())).filter(n -> n > 0).map(unit::apply);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return the body as JSON, an empty object for none, or null if it is not JSON */
    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    String excerpt(String body) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (token != null) {
            text = text.replace(token, "***");
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
