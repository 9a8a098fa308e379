package org.integrationhub.connector.jira.internal.client;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a Jira error answer into a classified {@link IntegrationException}: 401/403 → AUTHENTICATION, 429 →
 * RATE_LIMITED, 5xx → COMMUNICATION (both with the wait Jira asked for: {@code Retry-After} seconds, else
 * {@code X-RateLimit-Reset}), 400/404/422 → CONFIGURATION. The message carries Jira's own {@code errorMessages} and
 * {@code errors} map (e.g. {@code issuetype: Specify a valid issue type}), never a credential.
 */
final class JiraErrors {

    private static final int MAX_DETAIL = 500;

    private final ObjectMapper json;
    private final Clock clock;

    JiraErrors(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    IntegrationException of(String what, int status, HttpHeaders headers, String body) {
        ErrorCategory category = ErrorCategory.fromHttpStatus(status);
        String detail = detail(body);
        String message = switch (category) {
            case AUTHENTICATION -> status == 401
                    ? "Jira refused the credentials (HTTP 401) on " + what + ": check email and .api.token"
                            + " (a scoped token needs api.url https://api.atlassian.com/ex/jira/<cloudId>)"
                    : "Jira denied permission (HTTP 403) on " + what + ": the account lacks a project permission";
            case RATE_LIMITED -> "Jira rate limit (HTTP 429) on " + what
                    + headers.firstValue("RateLimit-Reason").map(r -> " (" + r + ")").orElse("");
            case COMMUNICATION -> "Jira unavailable (HTTP " + status + ") on " + what;
            default -> "Jira refused " + what + " (HTTP " + status + ")";
        };
        if (!detail.isEmpty()) {
            message += ": " + detail;
        }
        Duration wait = category == ErrorCategory.RATE_LIMITED || category == ErrorCategory.COMMUNICATION
                ? retryAfter(headers) : null;
        return new IntegrationException(category, message, null, wait);
    }

    /** @return Jira's {@code errorMessages} and {@code errors} of an error body, or "" if it has none */
    String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        try {
            JsonNode node = json.readTree(body);
            node.path("errorMessages").forEach(m -> parts.add(m.asText()));
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node.path("errors")::fields) {
                parts.add(e.getKey() + ": " + e.getValue().asText());
            }
            if (parts.isEmpty() && node.hasNonNull("message")) {
                parts.add(node.get("message").asText());
            }
        } catch (java.io.IOException e) {
            return ""; // an HTML error page or a proxy's text: the status says enough
        }
        String joined = String.join("; ", parts);
        return joined.length() > MAX_DETAIL ? joined.substring(0, MAX_DETAIL) + "…" : joined;
    }

    /** @return the wait Jira asked for, or null */
    Duration retryAfter(HttpHeaders headers) {
        String retryAfter = headers.firstValue("Retry-After").orElse(null);
        if (retryAfter != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
            } catch (NumberFormatException e) {
                // an HTTP date: fall through to X-RateLimit-Reset
            }
        }
        String reset = headers.firstValue("X-RateLimit-Reset").orElse(null);
        if (reset != null) {
            try {
                Duration until = Duration.between(clock.instant(), OffsetDateTime.parse(reset.strip()).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
