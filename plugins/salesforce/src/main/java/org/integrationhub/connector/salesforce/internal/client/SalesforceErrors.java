package org.integrationhub.connector.salesforce.internal.client;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a Salesforce error answer into a classified {@link IntegrationException}. Salesforce signals its daily API
 * allocation with <b>403</b> {@code REQUEST_LIMIT_EXCEEDED} and no {@code Retry-After}: that is RATE_LIMITED with the
 * configured long wait (a short one for the concurrent long-request limit), never AUTHENTICATION. Other 401/403 →
 * AUTHENTICATION; 429 → RATE_LIMITED and 5xx → COMMUNICATION, with {@code Retry-After} when given; 400
 * {@code UNABLE_TO_LOCK_ROW} (a record lock held by another transaction) → COMMUNICATION; other 400/404 →
 * CONFIGURATION. The token endpoint's OAuth errors ({@code invalid_grant}, {@code invalid_client}) are AUTHENTICATION.
 * Messages carry Salesforce's {@code errorCode} and {@code message}, never a credential.
 */
public final class SalesforceErrors {

    /** The errorCode of an exhausted API allocation (403). */
    public static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    /** The errorCode of an expired or revoked access token (401). */
    public static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";
    private static final Duration CONCURRENT_LIMIT_WAIT = Duration.ofSeconds(30);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);
    private static final int MAX_DETAIL = 500;

    private final ObjectMapper json;
    private final Duration limitWait;

    /**
     * @param json a mapper
     * @param limitWait how long to wait after the org's API allocation is exhausted
     */
    public SalesforceErrors(ObjectMapper json, Duration limitWait) {
        this.json = json;
        this.limitWait = limitWait;
    }

    /** What an error body says: Salesforce's first errorCode (or OAuth error) and the messages. */
    record Detail(String code, String text) {
    }

    IntegrationException of(String what, int status, HttpHeaders headers, String body, boolean tokenCall) {
        Detail detail = detail(body);
        String code = detail.code();
        String suffix = (code.isEmpty() ? "" : " " + code) + ")" + (detail.text().isEmpty() ? "" : ": "
                + detail.text());
        if (REQUEST_LIMIT_EXCEEDED.equals(code)) {
            boolean concurrent = detail.text().toLowerCase(java.util.Locale.ROOT).contains("concurrent");
            return new IntegrationException(ErrorCategory.RATE_LIMITED, "Salesforce API limit reached on " + what
                    + " (HTTP " + status + suffix, null, concurrent ? CONCURRENT_LIMIT_WAIT : limitWait);
        }
        if (tokenCall && status == 400) {
            return new IntegrationException(ErrorCategory.AUTHENTICATION, "Salesforce refused the JWT bearer token "
                    + "request (HTTP 400" + suffix + "; check client.id, username, the certificate uploaded to the app"
                    + " and that the user is pre-authorised for it", null);
        }
        if ("UNABLE_TO_LOCK_ROW".equals(code)) {
            return new IntegrationException(ErrorCategory.COMMUNICATION, "Salesforce record locked on " + what
                    + " (HTTP " + status + suffix, null, LOCK_WAIT);
        }
        ErrorCategory category = ErrorCategory.fromHttpStatus(status);
        String message = switch (category) {
            case AUTHENTICATION -> status == 401 ? "Salesforce refused the access token on " + what + " (HTTP 401"
                    + suffix : "Salesforce denied " + what + " (HTTP 403" + suffix + "; check the user's permissions";
            case RATE_LIMITED -> "Salesforce rate limit on " + what + " (HTTP 429" + suffix;
            case COMMUNICATION -> "Salesforce unavailable on " + what + " (HTTP " + status + suffix;
            default -> "Salesforce refused " + what + " (HTTP " + status + suffix;
        };
        Duration wait = category == ErrorCategory.RATE_LIMITED || category == ErrorCategory.COMMUNICATION
                ? retryAfter(headers) : null;
        return new IntegrationException(category, message, null, wait);
    }

    /** @return the error code and messages of a REST error array or an OAuth error object; empty parts if none */
    Detail detail(String body) {
        if (body == null || body.isBlank()) {
            return new Detail("", "");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            return new Detail("", ""); // an HTML page of a proxy: the status says enough
        }
        String code = "";
        List<String> parts = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode error : node) {
                if (code.isEmpty()) {
                    code = error.path("errorCode").asText("");
                }
                String message = error.path("message").asText("");
                JsonNode fields = error.path("fields");
                if (fields.isArray() && fields.size() > 0) {
                    message += " (fields " + fields.toString() + ")";
                }
                if (!message.isEmpty()) {
                    parts.add(message);
                }
            }
        } else if (node.isObject()) {
            code = node.path("error").isTextual() ? node.path("error").asText() : node.path("errorCode").asText("");
            String description = node.path("error_description").asText(node.path("message").asText(""));
            if (!description.isEmpty()) {
                parts.add(description);
            }
        }
        String text = String.join("; ", parts);
        code = code.length() > 80 ? code.substring(0, 80) : code;
        return new Detail(code, text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text);
    }

    private static Duration retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(String::strip).filter(v -> v.matches("[0-9]{1,9}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
    }
}
