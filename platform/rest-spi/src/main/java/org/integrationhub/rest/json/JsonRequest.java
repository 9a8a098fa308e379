package org.integrationhub.rest.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.json.HubJson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one reader of JSON object request bodies of {@code /api/v1}: read as a tree (duplicate members refused) so
 * that an absent member differs from an explicit null, and checked member by member. Shape errors (unknown member,
 * wrong JSON type, not an object) become one 400 problem ({@link ProblemException}); value errors (missing required
 * member, value not allowed) one {@link ValidationException} (422); malformed JSON a {@link JsonBodyException}
 * (400). Not thread-safe: one instance per request.
 *
 * @since 0.1.0
 */
public final class JsonRequest {

    private static final ObjectReader READER = HubJson.mapper().reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final ObjectNode node;
    private final String prefix;
    private final List<FieldError> shapeErrors;
    private final List<FieldError> valueErrors;

    private JsonRequest(ObjectNode node, String prefix, List<FieldError> shapeErrors, List<FieldError> valueErrors) {
        this.node = node;
        this.prefix = prefix;
        this.shapeErrors = shapeErrors;
        this.valueErrors = valueErrors;
    }

    /**
     * Reads a body that must be a JSON object with only the {@code allowed} members.
     *
     * @throws ProblemException 400 for an empty body or one that is not a JSON object
     */
    public static JsonRequest read(InputStream body, Set<String> allowed) {
        JsonNode tree;
        try {
            tree = READER.readTree(body);
        } catch (IOException e) {
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                throw new JsonBodyException(j);
            }
            throw new UncheckedIOException(e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw ProblemException.invalidRequest("A JSON object request body is required", null);
        }
        if (!tree.isObject()) {
            throw ProblemException.invalidRequest("The request body must be a JSON object",
                    List.of(new FieldError("(body)", "must be a JSON object, not " + kind(tree))));
        }
        JsonRequest request = new JsonRequest((ObjectNode) tree, "", new ArrayList<>(), new ArrayList<>());
        request.allowOnly(allowed);
        return request;
    }

    /** @return whether the member is present (possibly as null) */
    public boolean has(String name) {
        return node.has(name);
    }

    /** @return whether the member is present as JSON null */
    public boolean isNull(String name) {
        return node.has(name) && node.get(name).isNull();
    }

    /** @return the string value; null if absent or null (an error is recorded if required or of another type) */
    public String string(String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                valueErrors.add(error(name, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            shapeErrors.add(error(name, "must be a string, not " + kind(value)));
            return null;
        }
        if (required && value.asText().isBlank()) {
            valueErrors.add(error(name, "is required"));
        }
        return value.asText();
    }

    /** @return the boolean value, or {@code fallback} if absent or null */
    public boolean bool(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            shapeErrors.add(error(name, "must be true or false, not " + kind(value)));
            return fallback;
        }
        return value.booleanValue();
    }

    /** @return the integer value within [min, max]; null if absent, of another type or out of range (error recorded) */
    public Integer integer(String name, boolean required, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                valueErrors.add(error(name, "is required"));
            }
            return null;
        }
        if (!value.isIntegralNumber()) {
            shapeErrors.add(error(name, "must be an integer, not " + kind(value)));
            return null;
        }
        if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            valueErrors.add(error(name, "must be between " + min + " and " + max));
            return null;
        }
        return value.intValue();
    }

    /**
     * @param parse maps a wire name to the constant, or returns null if there is none
     * @param allowed the wire names, listed in the error message
     * @return the constant; null if absent, null, or invalid (error recorded)
     */
    public <E> E enumeration(String name, Function<String, E> parse, List<String> allowed) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            shapeErrors.add(error(name, "must be a string, one of " + String.join(", ", allowed)));
            return null;
        }
        E parsed = parse.apply(value.asText());
        if (parsed == null) {
            valueErrors.add(error(name, "must be one of " + String.join(", ", allowed)));
        }
        return parsed;
    }

    /** @return the nested object; null if absent or null (error recorded if required or of another type) */
    public JsonRequest object(String name, boolean required, Set<String> allowed) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                valueErrors.add(error(name, "is required"));
            }
            return null;
        }
        if (!value.isObject()) {
            shapeErrors.add(error(name, "must be a JSON object, not " + kind(value)));
            return null;
        }
        JsonRequest nested = new JsonRequest((ObjectNode) value, prefix + name + ".", shapeErrors, valueErrors);
        nested.allowOnly(allowed);
        return nested;
    }

    /**
     * A JSON object of strings whose members may be null (a merge-patch of a string map: null removes the key).
     *
     * @return the members in body order; null if absent or null (error recorded if of another type, or for a member
     *         that is neither a string nor null)
     */
    public Map<String, String> stringMap(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            shapeErrors.add(error(name, "must be a JSON object, not " + kind(value)));
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> members = value.fields(); members.hasNext();) {
            Map.Entry<String, JsonNode> m = members.next();
            if (m.getValue().isNull() || m.getValue().isTextual()) {
                result.put(m.getKey(), m.getValue().isNull() ? null : m.getValue().asText());
            } else {
                shapeErrors.add(error(name + "." + m.getKey(), "must be a string or null, not " + kind(m.getValue())));
            }
        }
        return result;
    }

    /**
     * A JSON object of settings whose members are a string, number or boolean, an array of those, or null (as an
     * operator writes a configuration file); each value is given as the texts of its items, a single value as one
     * item, so {@code {"a":1,"b":["x",true],"c":null}} is {@code {a=[1], b=[x, true], c=null}}.
     *
     * @return the members in body order, a null member as a null list; null if absent or null (a shape error if of
     *         another type, or for a member holding an object or an array holding an object, array or null)
     */
    public Map<String, List<String>> scalarMap(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            shapeErrors.add(error(name, "must be a JSON object, not " + kind(value)));
            return null;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> members = value.fields(); members.hasNext();) {
            Map.Entry<String, JsonNode> m = members.next();
            JsonNode member = m.getValue();
            if (member.isNull()) {
                result.put(m.getKey(), null);
            } else if (member.isValueNode()) {
                result.put(m.getKey(), List.of(member.asText()));
            } else if (member.isArray() && allScalars(member)) {
                List<String> items = new ArrayList<>();
                member.forEach(item -> items.add(item.asText()));
                result.put(m.getKey(), items);
            } else {
                shapeErrors.add(error(name + "." + m.getKey(),
                        "must be a string, number, boolean or an array of them, not " + kind(member)));
            }
        }
        return result;
    }

    /** @return the member as a nullable boolean: null if absent or null (a shape error if not a boolean) */
    public Boolean bool(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            shapeErrors.add(error(name, "must be true or false, not " + kind(value)));
            return null;
        }
        return value.booleanValue();
    }

    /** @return an array of strings; null if absent or null (a shape error if not an array of strings) */
    public List<String> strings(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            shapeErrors.add(error(name, "must be an array of strings, not " + kind(value)));
            return null;
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                shapeErrors.add(error(name, "must be an array of strings, not one holding " + kind(item)));
                return null;
            }
            items.add(item.asText());
        }
        return items;
    }

    /** Records an error for a value the caller checked itself. */
    public void invalid(String name, String message) {
        valueErrors.add(error(name, message));
    }

    /**
     * @throws ProblemException 400 if any member had the wrong shape
     * @throws ValidationException 422 if any value was missing or not allowed
     */
    public void validate() {
        if (!shapeErrors.isEmpty()) {
            throw ProblemException.invalidRequest("The request body does not have the expected shape; see errors",
                    shapeErrors);
        }
        if (!valueErrors.isEmpty()) {
            throw new ValidationException(valueErrors);
        }
    }

    private void allowOnly(Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                shapeErrors.add(error(name, "unknown field; allowed: " + String.join(", ", allowed.stream().sorted()
                        .toList())));
            }
        }
    }

    private FieldError error(String name, String message) {
        String field = prefix + name;
        return new FieldError(field.length() > 100 ? field.substring(0, 100) + "..." : field, message);
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode() || item.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "another type";
        };
    }

    /** A Jackson read failure, carried unchecked out of the resource to the exception mapper. */
    public static final class JsonBodyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JsonBodyException(com.fasterxml.jackson.core.JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause, false, false);
        }
    }
}
