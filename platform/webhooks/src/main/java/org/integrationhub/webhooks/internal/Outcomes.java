package org.integrationhub.webhooks.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.client.api.Result;
import org.integrationhub.delivery.DeliveryOutcome;

/** Classifies an HTTP exchange into a delivery outcome (2xx ok, 410 gone, 429/503 Retry-After, others retried). */
final class Outcomes {

    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private Outcomes() {
    }

    static DeliveryOutcome classify(Result result, String excerpt, Duration took, Instant now) {
        Response response = result.getResponse();
        int status = response == null ? 0 : response.getStatus();
        if (result.isFailed() && (status == 0 || result.getResponseFailure() != null)) {
            Throwable x = result.getFailure();
            if (causedBy(x, GuardedResolver.RefusedAddressException.class)) {
                return DeliveryOutcome.failed(null, took, x.getMessage(), null);
            }
            String error = causedBy(x, TimeoutException.class) ? "timeout after " + took.toSeconds() + " s"
                    : "connection failed: " + x.getClass().getSimpleName() + (x.getMessage() == null ? ""
                            : ": " + x.getMessage());
            return DeliveryOutcome.retry(status == 0 ? null : status, took, error, excerpt, null);
        }
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.delivered(status, took, excerpt);
        }
        if (status == 410) {
            return DeliveryOutcome.disable(status, took, "HTTP 410 Gone", excerpt);
        }
        Duration retryAfter = status == 429 || status == 503
                ? retryAfter(response.getHeaders().get("Retry-After"), now) : null;
        String redirect = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
        return DeliveryOutcome.retry(status, took, "HTTP " + status + redirect, excerpt, retryAfter);
    }

    /** @return the delay a Retry-After header asks for (seconds or HTTP-date), capped at a day; null if absent */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (RuntimeException x) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    private static boolean causedBy(Throwable x, Class<? extends Throwable> type) {
        for (Throwable t = x; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
