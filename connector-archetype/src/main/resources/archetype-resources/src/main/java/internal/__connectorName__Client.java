#set( $symbol_pound = '#' )
package ${package}.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ${connectorName} API over the hub's shared JDK {@link HttpClient}, with the error mapping every connector needs:
 * the vendor's HTTP status becomes an {@link ErrorCategory} (429 with its Retry-After), timeouts and network failures
 * become COMMUNICATION, an unreadable answer REMOTE. The token goes into the Authorization header only: it is never
 * part of a message, a log line or {@link ${symbol_pound}toString()}. Thread-safe.
 *
 * <p>The API it speaks is the template's stand-in (see README.md): {@code GET /me} to check the token,
 * {@code POST /messages} for the action, {@code POST /events} for hub events. Replace it with your vendor's.
 */
final class ${connectorName}Client {

    private final HttpClient http;
    private final String base;
    private final String token;
    private final Duration timeout;
    private final ObjectMapper json;

    /** @param base the API's base URL, absolute http(s), without user info */
    ${connectorName}Client(HttpClient http, URI base, String token, Duration timeout, ObjectMapper json) {
        this.http = http;
        this.base = base.toString().replaceAll("/+$", "");
        this.token = token;
        this.timeout = timeout;
        this.json = json;
    }

    /** @return the vendor's answer to {@code GET /me}: who the token belongs to */
    JsonNode me() throws IntegrationException {
        return send(request("/me").GET());
    }

    /**
     * POSTs a JSON document.
     *
     * @param path the API path, e.g. {@code /messages}
     * @param body the document
     * @param idempotencyKey sent as {@code Idempotency-Key}, so that the vendor ignores a repeated request; may be null
     * @return the vendor's JSON answer ({@code {}} for an empty body)
     */
    JsonNode post(String path, Object body, String idempotencyKey) throws IntegrationException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IntegrationException(ErrorCategory.INTERNAL, "cannot write the request to " + path, e);
        }
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json").header("Authorization", "Bearer " + token)
                .header("User-Agent", "integration-hub-${connectorType}");
    }

    private JsonNode send(HttpRequest.Builder builder) throws IntegrationException {
        HttpRequest request = builder.build();
        String what = request.method() + " " + request.uri().getPath();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, what + " timed out after " + timeout.toMillis()
                    + " ms", e);
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, what + " failed: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorCategory.COMMUNICATION, what + " was interrupted", e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            ErrorCategory category = ErrorCategory.fromHttpStatus(status);
            throw new IntegrationException(category, what + " answered HTTP " + status, null,
                    category == ErrorCategory.RATE_LIMITED
                            ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                            : null);
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IntegrationException(ErrorCategory.REMOTE, what + " answered something other than JSON", e);
        }
    }

    /**
     * @param value the Retry-After header of a 429: seconds or an HTTP date; may be null
     * @param now the current time
     * @return the wait it asks for; null when absent or unreadable (the gateway then backs off by itself)
     */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(now, ZonedDateTime.parse(value.strip(),
                        DateTimeFormatter.RFC_1123_DATE_TIME));
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return "${connectorName}Client[" + URI.create(base).getHost() + "]";
    }
}
