package org.integrationhub.webhooks.internal.shell;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

import org.integrationhub.api.ValidationException;

/** Turns service exceptions and raw option values into clear one-line console messages. */
final class Messages {

    private Messages() {
    }

    static String of(ValidationException e) {
        return e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
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

    /** @return the last value of a repeatable trailing option, else {@code fallback} */
    static String last(java.util.List<String> values, String fallback) {
        return values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    static String orDash(Object o) {
        return o == null ? "-" : o.toString();
    }
}
