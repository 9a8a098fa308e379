package org.integrationhub.spi;

import java.util.List;

/**
 * One action a connector offers.
 *
 * @param name action name, e.g. {@code "send_message"}
 * @param description one sentence for operators
 * @param requiredParams names of the parameters that must be present
 * @since 0.1.0
 */
public record ActionDescriptor(String name, String description, List<String> requiredParams) {
    public ActionDescriptor {
        requiredParams = requiredParams == null ? List.of() : List.copyOf(requiredParams);
    }
}
