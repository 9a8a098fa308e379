package org.integrationhub.connector.trello.internal.client;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

/**
 * Classifies Trello's answers: 2xx passes; 401/403 → AUTHENTICATION ("invalid key", "invalid token", no access to
 * the board); 400/404/422 → CONFIGURATION (a board, list or label id that does not exist); 429 → RATE_LIMITED
 * (Trello's {@code API_TOKEN_LIMIT_EXCEEDED} / {@code API_KEY_LIMIT_EXCEEDED}; it documents no Retry-After, so
 * without one the rest of its 10-second window is waited out); 5xx → COMMUNICATION. Trello's error text is quoted
 * shortened, and never with a credential in it.
 */
final class TrelloErrors {

    /** Trello's rate-limit window: a 429 without Retry-After waits this long. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    /** A webhook that exists already (a 400 Trello answers to a second POST /webhooks of the same callback). */
    static final class AlreadyExists extends IntegrationException {
        private static final long serialVersionUID = 1L;

        AlreadyExists(String message) {
            super(ErrorCategory.CONFIGURATION, message, null);
        }
    }

    private final List<String> credentials;

    TrelloErrors(List<String> credentials) {
        this.credentials = credentials.stream().filter(c -> c != null && c.length() >= 4).toList();
    }

    void check(String method, String path, HttpResponse<String> response) throws IntegrationException {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String text = excerpt(response.body());
        String what = "Trello answered " + method + " " + path + " with HTTP " + status + (text.isEmpty() ? ""
                : ": " + text);
        if (status == 400 && text.toLowerCase(Locale.ROOT).contains("already exists")) {
            throw new AlreadyExists(what);
        }
        ErrorCategory category = ErrorCategory.fromHttpStatus(status);
        throw new IntegrationException(category, what, null,
                category == ErrorCategory.RATE_LIMITED ? retryAfter(response) : null);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds > 0 ? Duration.ofSeconds(seconds) : WINDOW;
            } catch (NumberFormatException e) {
                return WINDOW;
            }
        }).orElse(WINDOW);
    }

    private String excerpt(String body) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        for (String c : credentials) {
            text = text.replace(c, "***");
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
