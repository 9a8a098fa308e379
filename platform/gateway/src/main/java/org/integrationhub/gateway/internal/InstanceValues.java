package org.integrationhub.gateway.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.integrationhub.api.EventType;
import org.integrationhub.api.Priority;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.gateway.ConfigurationKey;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationInterface;

/**
 * Checks an operator's values for an instance against its type's keys and turns them into what is stored: strings
 * as a hand-written .cfg file has them (several values comma-separated). An empty value means the key's default,
 * except {@code integration.events}, where empty means no events. Error messages never repeat a value.
 */
final class InstanceValues {

    private InstanceValues() {
    }

    /** @throws ValidationException on the field {@code name} if the instance name is not valid */
    static void checkName(String name) {
        if (!IntegrationDescriptor.isValidName(name)) {
            throw new ValidationException("name", "must match [a-z0-9][a-z0-9_-]* (at most 64 characters)");
        }
    }

    /**
     * @param type the instance's type
     * @param name the instance name (valid)
     * @param values the operator's values by key
     * @param storedSecrets secret keys that already have a value (kept when {@code values} leaves them empty)
     * @return the values to store, {@code integration.name} included, secrets as given
     * @throws ValidationException one entry per unknown key, invalid value or missing required key
     */
    static Map<String, String> check(ConnectorTypes.Installed type, String name, Map<String, String> values,
            Map<String, String> storedSecrets) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> out = new LinkedHashMap<>();
        out.put(IntegrationInterface.NAME_PROPERTY, name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            String id = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (id.equals(IntegrationInterface.NAME_PROPERTY)) {
                if (!value.isEmpty() && !value.equals(name)) {
                    errors.add(new FieldError(id, "is the instance name; it cannot differ from it"));
                }
                continue;
            }
            ConfigurationKey key = type.type().key(id).orElse(null);
            if (key == null) {
                errors.add(new FieldError(id, "unknown key; the keys of " + type.type().type() + " are: "
                        + validKeys(type)));
                continue;
            }
            if (value.isEmpty()) {
                if (id.equals(IntegrationInterface.EVENTS_PROPERTY)) {
                    out.put(id, ""); // on purpose: no events
                }
                continue; // its default; a secret keeps its stored value
            }
            String problem = problem(key, value, type.checks().get(id));
            if (problem != null) {
                errors.add(new FieldError(id, problem));
            } else {
                out.put(id, normalized(key, value));
            }
        }
        for (ConfigurationKey key : type.type().keys()) {
            boolean given = out.containsKey(key.id()) || (key.secret() && storedSecrets.containsKey(key.id()));
            if (key.required() && !given && !key.id().equals(IntegrationInterface.NAME_PROPERTY)) {
                errors.add(new FieldError(key.id(), "is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        for (Map.Entry<String, String> s : storedSecrets.entrySet()) {
            out.putIfAbsent(s.getKey(), s.getValue());
        }
        return out;
    }

    /** @return the keys an operator may give, the instance name aside */
    static String validKeys(ConnectorTypes.Installed type) {
        return type.type().keys().stream().map(ConfigurationKey::id)
                .filter(k -> !k.equals(IntegrationInterface.NAME_PROPERTY)).collect(Collectors.joining(", "));
    }

    private static String problem(ConfigurationKey key, String value, UnaryOperator<String> metatypeCheck) {
        if (key.id().equals(IntegrationInterface.EVENTS_PROPERTY)) {
            for (String event : value.split("[,\\s]+")) {
                if (!event.isEmpty() && !event.equals(Subscriptions.ALL) && !isEventType(event)) {
                    return "must be * or event types (" + Arrays.stream(EventType.values()).map(EventType::wireName)
                            .collect(Collectors.joining(", ")) + "), comma-separated";
                }
            }
            return null;
        }
        if (key.id().equals(IntegrationInterface.MIN_PRIORITY_PROPERTY)) {
            try {
                Priority.fromWireName(value);
                return null;
            } catch (IllegalArgumentException e) {
                return "must be one of low, normal, high, urgent";
            }
        }
        for (String one : key.multiple() ? value.split(",") : new String[] {value}) {
            String v = one.trim();
            if (v.isEmpty()) {
                continue;
            }
            String typeProblem = typeProblem(key.type(), v);
            if (typeProblem != null) {
                return typeProblem;
            }
            if (!key.options().isEmpty() && !key.options().containsKey(v)) {
                return "must be one of " + String.join(", ", key.options().keySet());
            }
            // a secret may be env:NAME, resolved by the connector: the metatype cannot judge it
            String metatype = key.secret() || metatypeCheck == null ? null : metatypeCheck.apply(v);
            if (metatype != null) {
                return "invalid value: " + metatype;
            }
        }
        return null;
    }

    private static boolean isEventType(String value) {
        return Arrays.stream(EventType.values()).anyMatch(t -> t.wireName().equals(value));
    }

    private static String typeProblem(String type, String value) {
        try {
            switch (type) {
                case "integer" -> Integer.parseInt(value);
                case "long" -> Long.parseLong(value);
                case "short" -> Short.parseShort(value);
                case "byte" -> Byte.parseByte(value);
                case "double" -> Double.parseDouble(value);
                case "float" -> Float.parseFloat(value);
                case "boolean" -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        return "must be true or false";
                    }
                }
                case "char" -> {
                    if (value.length() != 1) {
                        return "must be one character";
                    }
                }
                default -> {
                    // string, password: any text
                }
            }
            return null;
        } catch (NumberFormatException e) {
            return "must be " + (type.equals("double") || type.equals("float") ? "a number" : "an integer (" + type + ")");
        }
    }

    private static String normalized(ConfigurationKey key, String value) {
        if (key.id().equals(IntegrationInterface.EVENTS_PROPERTY)) {
            return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).distinct()
                    .collect(Collectors.joining(", "));
        }
        if (key.id().equals(IntegrationInterface.MIN_PRIORITY_PROPERTY)) {
            return value.toLowerCase(Locale.ROOT);
        }
        if (key.type().equals("boolean")) {
            return value.toLowerCase(Locale.ROOT);
        }
        if (key.multiple()) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.joining(", "));
        }
        return value;
    }
}
