package org.integrationhub.gateway.internal.shell;

import java.util.Map;
import java.util.stream.Collectors;

import org.integrationhub.api.ValidationException;
import org.integrationhub.gateway.InstanceConfiguration;

/** How the instance commands word their results and refusals; never a secret's value. */
final class Messages {

    private Messages() {
    }

    /** @return the refusal in one sentence: every invalid key of a validation failure, else the message */
    static String of(RuntimeException e) {
        if (e instanceof ValidationException v) {
            return "Invalid configuration: " + v.errors().stream().map(f -> f.field() + " " + f.message())
                    .collect(Collectors.joining("; "));
        }
        return e.getMessage();
    }

    /** Prints an instance's values (secrets by key only). */
    static void print(InstanceConfiguration c) {
        for (Map.Entry<String, String> e : c.config().entrySet()) {
            System.out.println("  " + e.getKey() + " = " + e.getValue());
        }
        for (String secret : c.secretsSet()) {
            System.out.println("  " + secret + " = (secret, set)");
        }
    }
}
