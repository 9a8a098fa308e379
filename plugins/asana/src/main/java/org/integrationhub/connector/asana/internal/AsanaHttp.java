package org.integrationhub.connector.asana.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Asana REST call on the platform's JDK HTTP client: request bodies are {@code {"data":{…}}}; a failure
 * ({@code {"errors":[{"message":…}]}}) becomes an {@link IntegrationException} by HTTP status (401/403
 * AUTHENTICATION, 400/404 CONFIGURATION, 429 RATE_LIMITED carrying Retry-After, 5xx COMMUNICATION), as do timeouts
 * and connection failures (COMMUNICATION) and answers that are not JSON (REMOTE). The token goes only into the
 * Authorization header; messages name the method and path without the query.
 */
final class AsanaHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String token;
    private final Duration timeout;

    AsanaHttp(HttpClient http, String apiUrl, String token, Duration timeout) {
        this.http = http;
        this.base = apiUrl.replaceAll("/+$", "");
        this.token = token;
        this.timeout = timeout;
    }

    /** @return the {@code data} object of the answer */
    JsonNode data(String method, String path, JsonNode data) throws IntegrationException {
        JsonNode answer = answer(method, path, data).path("data");
        if (!answer.isObject()) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Asana answered " + method + " " + route(path)
                    + " without a data object", null);
        }
        return answer;
    }

    /** @return the whole answer */
    JsonNode answer(String method, String path, JsonNode data) throws IntegrationException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (data != null) {
            ObjectNode body = JSON.createObjectNode();
            body.set("data", data);
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "Asana did not answer " + method + " "
                    + route(path) + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "Asana unreachable for " + method + " "
                    + route(path) + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "interrupted calling Asana", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IntegrationException(ErrorCategory.REMOTE, "Asana answered " + method + " " + route(path)
                        + " with malformed JSON", e);
            }
        }
        throw failure(method, path, status, response);
    }

    private static IntegrationException failure(String method, String path, int status, HttpResponse<String> r) {
        String message = "Asana answered " + status + " to " + method + " " + route(path) + errorMessage(r.body());
        ErrorCategory category = ErrorCategory.fromHttpStatus(status);
        Duration retryAfter = category == ErrorCategory.RATE_LIMITED
                ? r.headers().firstValue("Retry-After").map(AsanaHttp::seconds).orElse(null) : null;
        return new IntegrationException(category, message, null, retryAfter);
    }

    private static Duration seconds(String value) {
        try {
            long s = Long.parseLong(value.trim());
            return s >= 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the gateway then applies its own wait
        }
    }

    /** @return ": <first error message>" from Asana's error body (at most 200 characters), or "" */
    private static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body == null ? "" : body).path("errors").path(0).path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                String m = message.asText().strip();
                return ": " + (m.length() > 200 ? m.substring(0, 200) + "…" : m);
            }
        } catch (IOException e) {
            // not JSON: the status says enough
        }
        return "";
    }

    /** @return the path without its query, for messages */
    private static String route(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
