package org.integrationhub.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a connector instance is and offers. Immutable; constant for the life of the service.
 *
 * @param name instance name, unique in the hub (e.g. {@code "slack-support"}); {@code [a-z0-9][a-z0-9_-]*},
 *        at most 64 characters; normally the {@link IntegrationInterface#NAME_PROPERTY} of its configuration
 * @param type connector type (e.g. {@code "slack"})
 * @param version connector version (e.g. the bundle version)
 * @param actions the actions {@link IntegrationInterface#execute} accepts
 * @param quota the vendor's documented request quota; {@link VendorQuota#UNLIMITED} if none
 * @param secretProperties configuration keys holding secrets (tokens, passwords): the platform masks their values
 *        wherever it shows configuration and never logs them
 * @since 0.1.0
 */
public record IntegrationDescriptor(String name, String type, String version, List<ActionDescriptor> actions,
        VendorQuota quota, Set<String> secretProperties) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public IntegrationDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("integration name must match [a-z0-9][a-z0-9_-]* (max 64): " + name);
        }
        version = version == null ? "0.0.0" : version;
        actions = actions == null ? List.of() : List.copyOf(actions);
        quota = quota == null ? VendorQuota.UNLIMITED : quota;
        secretProperties = secretProperties == null ? Set.of() : Set.copyOf(secretProperties);
    }

    /** A descriptor without quota or secrets. */
    public IntegrationDescriptor(String name, String type, String version, List<ActionDescriptor> actions) {
        this(name, type, version, actions, VendorQuota.UNLIMITED, Set.of());
    }

    /** @param name a candidate name @return whether it is a valid integration name */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @param actionName an action name @return the action's descriptor, or null if this instance has none */
    public ActionDescriptor action(String actionName) {
        for (ActionDescriptor a : actions) {
            if (a.name().equals(actionName)) {
                return a;
            }
        }
        return null;
    }
}
