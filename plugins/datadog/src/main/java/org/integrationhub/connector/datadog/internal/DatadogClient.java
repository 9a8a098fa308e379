package org.integrationhub.connector.datadog.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The two Datadog API calls of the connector on the platform's JDK HTTP client: {@code GET /api/v1/validate} (is
 * the API key valid) and {@code POST /api/v2/series} (submit gauges; Datadog answers 202 {@code {"errors":[]}}).
 * The key travels only in the {@code DD-API-KEY} header. A failure becomes an {@link IntegrationException} by HTTP
 * status (401/403 AUTHENTICATION; 400/404/422 CONFIGURATION; 429 RATE_LIMITED carrying {@code Retry-After}, or
 * Datadog's {@code X-RateLimit-Reset} seconds; 5xx COMMUNICATION), as do timeouts and connection failures
 * (COMMUNICATION) and answers that are not what the API documents (REMOTE). Every request has a timeout.
 */
final class DatadogClient {

    static final String VALIDATE = "/api/v1/validate";
    static final String SERIES = "/api/v2/series";
    static final String API_KEY_HEADER = "DD-API-KEY";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String apiKey;
    private final Duration timeout;

    DatadogClient(HttpClient http, String apiUrl, String apiKey, Duration timeout) {
        this.http = http;
        this.base = apiUrl.strip().replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    /**
     * @throws IntegrationException AUTHENTICATION when Datadog does not accept the key, or as the class says
     */
    void validate() throws IntegrationException {
        JsonNode answer = read("GET", VALIDATE, send(request(VALIDATE).GET().build(), "GET", VALIDATE));
        if (!answer.path("valid").asBoolean(false)) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Datadog answered GET " + VALIDATE
                    + " without \"valid\": true", null);
        }
    }

    /**
     * Submits series and waits for the answer (at most the timeout).
     *
     * @param body a {@code POST /api/v2/series} body
     */
    void submit(String body) throws IntegrationException {
        accepted(send(seriesRequest(body), "POST", SERIES));
    }

    /**
     * Submits series without waiting: the exchange runs on the HTTP client's own threads.
     *
     * @param body a {@code POST /api/v2/series} body
     * @return completes when Datadog accepted the series, or exceptionally with an {@link IntegrationException}
     */
    CompletableFuture<Void> submitAsync(String body) {
        return http.sendAsync(seriesRequest(body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    try {
                        if (failure != null) {
                            throw transportFailure("POST", SERIES, unwrap(failure));
                        }
                        accepted(response);
                        return null;
                    } catch (IntegrationException e) {
                        throw new CompletionException(e);
                    }
                });
    }

    private HttpRequest seriesRequest(String body) {
        return request(SERIES).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private void accepted(HttpResponse<String> response) throws IntegrationException {
        JsonNode errors = read("POST", SERIES, response).path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Datadog accepted POST " + SERIES
                    + " with errors: " + shorten(errors.toString()), null);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header(API_KEY_HEADER, apiKey)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request, String method, String path) throws IntegrationException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw transportFailure(method, path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "interrupted calling Datadog", e);
        }
    }

    private IntegrationException transportFailure(String method, String path, Throwable e) {
        if (e instanceof HttpTimeoutException) {
            return new IntegrationException(ErrorCategory.COMMUNICATION, "Datadog did not answer " + method + " "
                    + path + " within " + timeout.toMillis() + " ms", e);
        }
        return new IntegrationException(ErrorCategory.COMMUNICATION, "Datadog unreachable for " + method + " " + path
                + ": " + e.getClass().getSimpleName(), e);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** @return the answer's JSON, when the status is 2xx */
    private static JsonNode read(String method, String path, HttpResponse<String> response)
            throws IntegrationException {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw failure(method, path, status, response);
        }
        try {
            String body = response.body();
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Datadog answered " + method + " " + path
                    + " with something that is not JSON", e);
        }
    }

    private static IntegrationException failure(String method, String path, int status, HttpResponse<String> r) {
        String message = "Datadog answered " + status + " to " + method + " " + path + errorMessage(r.body());
        ErrorCategory category = ErrorCategory.fromHttpStatus(status);
        Duration retryAfter = null;
        if (category == ErrorCategory.RATE_LIMITED) {
            retryAfter = r.headers().firstValue("Retry-After").map(DatadogClient::seconds)
                    .or(() -> r.headers().firstValue("X-RateLimit-Reset").map(DatadogClient::seconds)).orElse(null);
        }
        return new IntegrationException(category, message, null, retryAfter);
    }

    private static Duration seconds(String value) {
        try {
            long s = Long.parseLong(value.strip());
            return s >= 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the gateway then applies its own wait
        }
    }

    /** @return ": <Datadog's first error>" from an error body {@code {"errors":["…"]}}, or "" */
    private static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode first = JSON.readTree(body).path("errors").path(0);
            if (first.isTextual() && !first.asText().isBlank()) {
                return ": " + shorten(first.asText().strip());
            }
        } catch (IOException e) {
            // not JSON: the status says enough
        }
        return "";
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
