package org.integrationhub.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a connector instance is and offers.
 *
 * @param name instance name, unique in the hub (e.g. {@code "slack-support"}); {@code [a-z0-9][a-z0-9_-]*}
 * @param type connector type (e.g. {@code "slack"})
 * @param version connector version (e.g. the bundle version)
 * @param actions the actions {@link IntegrationInterface#execute} accepts
 * @since 0.1.0
 */
public record IntegrationDescriptor(String name, String type, String version, List<ActionDescriptor> actions) {
    public IntegrationDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        version = version == null ? "0.0.0" : version;
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
