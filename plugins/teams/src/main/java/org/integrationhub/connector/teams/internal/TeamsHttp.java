package org.integrationhub.connector.teams.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

/**
 * Sends one request to a Microsoft endpoint with the shared JDK client and classifies failures: 401/403 →
 * AUTHENTICATION, 429 → RATE_LIMITED with the Retry-After, 5xx and network errors → COMMUNICATION (per
 * {@link ErrorCategory#fromHttpStatus}). Messages name the endpoint by its role only, never its URL (a Workflows
 * URL is a credential).
 */
final class TeamsHttp {

    /** Default wait for a 429 without a usable Retry-After. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final HttpClient client;
    private final Duration timeout;

    TeamsHttp(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** @return a request builder with this instance's time limit */
    HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    /**
     * @param request the request
     * @param what the endpoint's role for messages, e.g. "Bot Connector"
     * @return the response, whatever its status
     * @throws IntegrationException COMMUNICATION for a network failure or timeout, INTERNAL when interrupted
     */
    HttpResponse<String> exchange(HttpRequest request, String what) throws IntegrationException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, what + " did not answer in time", null);
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, what + " unreachable: "
                    + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "interrupted while calling " + what, null);
        }
    }

    /**
     * @param response a response that is not a success
     * @param what the endpoint's role
     * @return the classified failure (with Retry-After for 429 and 503)
     */
    static IntegrationException failure(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        ErrorCategory category = ErrorCategory.fromHttpStatus(status);
        Duration retryAfter = null;
        if (status == 429 || status == 503) {
            retryAfter = retryAfter(response.headers().firstValue("Retry-After")).orElse(
                    status == 429 ? DEFAULT_RETRY_AFTER : null);
        }
        return new IntegrationException(category, what + " answered HTTP " + status + errorCode(response.body()),
                null, retryAfter);
    }

    /** @return whether the status is 2xx */
    static boolean ok(HttpResponse<?> response) {
        return response.statusCode() / 100 == 2;
    }

    private static Optional<Duration> retryAfter(Optional<String> header) {
        try {
            return header.map(String::trim).map(Long::parseLong).filter(s -> s >= 0).map(Duration::ofSeconds);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The vendor's error code (Bot Connector {@code error.code}, identity platform {@code error}), if short. */
    private static String errorCode(String body) {
        if (body == null || body.isBlank() || body.length() > 10_000) {
            return "";
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = Json.MAPPER.readTree(body);
            com.fasterxml.jackson.databind.JsonNode code = node.path("error").isObject()
                    ? node.path("error").path("code") : node.path("error");
            String text = code.isTextual() ? code.asText() : "";
            return text.matches("[A-Za-z0-9_.-]{1,60}") ? " (" + text + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }
}
