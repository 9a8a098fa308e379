package org.integrationhub.gateway.internal.shell;

import java.util.Map;
import java.util.stream.Collectors;

import org.integrationhub.api.ValidationException;
import org.integrationhub.gateway.InstanceConfiguration;

/** How the instance commands word their results and refusals; never a secret's value. */
final class Messages {

    private Messages() {
    }

    /**
     * @return every invalid configuration key in one sentence, as the service words them ("bogus unknown key"):
     *         the keys are what the operator typed as key=value, not command options
     */
    static String invalidConfiguration(ValidationException v) {
        return "Invalid configuration: " + v.errors().stream().map(f -> f.field() + " " + f.message())
                .collect(Collectors.joining("; "));
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
