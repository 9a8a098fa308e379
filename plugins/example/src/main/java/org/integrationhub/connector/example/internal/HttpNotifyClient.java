package org.integrationhub.connector.example.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

/**
 * The endpoint's HTTP API, with the error mapping every connector needs: remote status → {@link ErrorCategory}
 * (429 carries Retry-After), network failures and timeouts → COMMUNICATION. Never logs or reports the token.
 */
final class HttpNotifyClient {

    private final HttpClient http;
    private final URI url;
    private final String token;
    private final Duration timeout;

    HttpNotifyClient(HttpClient http, URI url, String token, Duration timeout) {
        this.http = http;
        this.url = url;
        this.token = token;
        this.timeout = timeout;
    }

    /** @return the response of a successful (2xx) POST of {@code json} */
    HttpResponse<String> post(String json, String idempotencyKey) throws IntegrationException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "integration-hub-http-notify")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "endpoint unreachable: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "interrupted while calling the endpoint", e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response;
        }
        ErrorCategory category = ErrorCategory.fromHttpStatus(status);
        throw new IntegrationException(category, "endpoint answered HTTP " + status, null,
                category == ErrorCategory.RATE_LIMITED ? retryAfter(response) : null);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return null; // HTTP-date form: let the gateway's backoff decide
            }
        }).orElse(null);
    }
}
