package org.integrationhub.webhooks.internal.shell;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Turns raw option values of the webhook commands into typed values, or clear one-line refusals. */
final class Messages {

    private Messages() {
    }

    /** @return the instant, or an IllegalArgumentException naming the option */
    static Instant instant(String option, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, not '"
                    + value + "'");
        }
    }
}
