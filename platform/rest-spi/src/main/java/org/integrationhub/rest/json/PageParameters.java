package org.integrationhub.rest.json;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.integrationhub.api.ValidationException.FieldError;

/**
 * The {@code limit} and {@code cursor} query parameters of a cursor-paged list, and its filters by an enumerated value,
 * checked the same way by every list of {@code /api/v1}: problems are added to the caller's field errors, which it
 * turns into one 400. Stateless.
 *
 * @since 0.1.0
 */
public final class PageParameters {

    /** Longest cursor accepted: hub cursors are far shorter; anything longer is not one of ours. */
    public static final int MAX_CURSOR_LENGTH = 200;

    private PageParameters() {
    }

    /**
     * @param limit the raw parameter, or null
     * @param fallback the page size without a parameter
     * @param max the largest page size
     * @param errors collects a {@code limit} error
     * @return the page size, or {@code fallback} (an error recorded) when it is not an integer from 1 to max
     */
    public static int limit(String limit, int fallback, int max, List<FieldError> errors) {
        if (limit == null) {
            return fallback;
        }
        int size;
        try {
            size = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > max) {
            errors.add(new FieldError("limit", "must be an integer between 1 and " + max));
            return fallback;
        }
        return size;
    }

    /**
     * @param cursor the raw parameter, or null (the first page)
     * @param errors collects a {@code cursor} error for an empty or overlong cursor
     * @return the cursor
     */
    public static String cursor(String cursor, List<FieldError> errors) {
        if (cursor != null && (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH)) {
            errors.add(new FieldError("cursor", "malformed cursor; pass the next_cursor of a previous page"));
        }
        return cursor;
    }

    /**
     * A filter naming one constant of an enum, in lower case ({@code ?status=failed}).
     *
     * @param field the parameter's name, for the error
     * @param value the raw parameter, or null (no filter)
     * @param type the enum
     * @param errors collects an error naming the allowed values, e.g. {@code must be pending, delivered or failed}
     * @param <E> the enum type
     * @return the constant, or null when absent or invalid
     */
    public static <E extends Enum<E>> E choice(String field, String value, Class<E> type, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList();
        String allowed = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        errors.add(new FieldError(field, "must be " + allowed));
        return null;
    }
}
