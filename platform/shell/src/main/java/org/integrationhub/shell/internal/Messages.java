package org.integrationhub.shell.internal;

import java.util.stream.Collectors;

import org.integrationhub.api.ValidationException;

/** Turns service exceptions into one-line messages for the console. */
final class Messages {

    private Messages() {
    }

    static String of(ValidationException e) {
        return e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    }
}
