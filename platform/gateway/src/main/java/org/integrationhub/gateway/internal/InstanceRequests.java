package org.integrationhub.gateway.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.core.Response;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.HubException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.rest.json.Problem;

/**
 * The REST shape of instance creation ({@code {type, name, config:{key: value}}}) and of its refusals as
 * problem+json: 400 with one {@code errors[]} entry per invalid field (configuration keys as {@code config.<key>}),
 * 404 for an unknown type or instance, 409 for a name in use.
 */
final class InstanceRequests {

    private static final Set<String> FIELDS = Set.of("type", "name", "config");

    /** A creation request, checked for shape. Its text names the configuration's keys, never a value (secrets). */
    record Create(String type, String name, Map<String, String> config) {
        @Override
        public String toString() {
            return "Create[type=" + type + ", name=" + name + ", config keys=" + config.keySet() + "]";
        }
    }

    private InstanceRequests() {
    }

    /** @throws ValidationException for a missing or mistyped field, an unknown field or a non-scalar value */
    static Create create(Map<String, Object> body) {
        if (body == null) {
            throw new ValidationException("body", "must be a JSON object {type, name, config}");
        }
        List<FieldError> errors = new ArrayList<>();
        body.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, "unknown field; the fields are type, name, config")));
        String type = text(body.get("type"), "type", errors);
        String name = text(body.get("name"), "name", errors);
        Map<String, String> config = new LinkedHashMap<>();
        Object raw = body.get("config");
        if (raw instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (e.getValue() == null) {
                    continue; // null: not given, so the key's default (integration.events: *, CONTRACT)
                }
                String value = value(e.getValue());
                if (value == null) {
                    errors.add(new FieldError("config." + key, "must be a string, number, boolean or array of them"));
                } else {
                    config.put(key, value);
                }
            }
        } else if (raw != null) {
            errors.add(new FieldError("config", "must be an object of keys to values"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Create(type, name, config);
    }

    private static String text(Object value, String field, List<FieldError> errors) {
        if (!(value instanceof String s) || s.isBlank()) {
            errors.add(new FieldError(field, "is required (a string)"));
            return null;
        }
        return s;
    }

    /** @return the value as an operator writes it in a .cfg file, or null if it is not a scalar or array of them */
    private static String value(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String || o instanceof Number || o instanceof Boolean)) {
                    return null;
                }
                parts.add(o.toString());
            }
            return String.join(", ", parts);
        }
        return null;
    }

    /** @return the problem+json answer for a refusal of {@link org.integrationhub.gateway.IntegrationConfigurations} */
    static Response problem(HubException e, boolean configFields) {
        return Problem.response(problemBody(e, configFields)).build();
    }

    /** @return the problem+json body of a refusal: its status, type, title, detail and field errors */
    static Map<String, Object> problemBody(HubException e, boolean configFields) {
        if (e instanceof ValidationException v) {
            List<FieldError> errors = v.errors().stream().map(f -> new FieldError(
                    configFields && !f.field().equals("name") ? "config." + f.field() : f.field(), f.message())).toList();
            return Problem.body(400, "invalid-configuration", "Invalid configuration",
                    "The request has invalid fields; see errors", errors);
        }
        if (e instanceof NotFoundException) {
            return Problem.body(404, "not-found", "Not Found", e.getMessage(), null);
        }
        if (e instanceof ConflictException) {
            return Problem.body(409, "duplicate-integration", "Conflict", e.getMessage(), null);
        }
        return Problem.body(400, "invalid-request", "Bad Request", e.getMessage(), null);
    }
}
