package org.integrationhub.shell.support;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.integrationhub.api.ValidationException;

/**
 * Reads the text value of a command option as a number or an enum constant, refusing a bad one with a
 * {@link ValidationException} on the option's name in the one wording every {@code hub:*} command uses
 * ({@code limit: must be a number between 1 and 500, not 'x'}). Stateless and thread-safe.
 *
 * @since 0.2.0
 */
public final class OptionValues {

    private OptionValues() {
    }

    /**
     * @param option the option's name without dashes, e.g. {@code "limit"}
     * @param value the text given; null when the option was not given
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @param fallback what a missing option means
     * @return the number, or {@code fallback} when {@code value} is null
     * @throws ValidationException when the text is not a whole number between min and max
     */
    public static int number(String option, String value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ValidationException(option, "must be a number between " + min + " and " + max + ", not '" + value
                + "'");
    }

    /**
     * @param option the option's name without dashes, e.g. {@code "status"}
     * @param value the text given, in any case; null when the option was not given
     * @param type the enum whose constants' names (in lower case) are the allowed values
     * @param <E> the enum
     * @return the constant, or null when {@code value} is null
     * @throws ValidationException naming the allowed values, e.g.
     *         {@code status: must be pending, delivered or failed, not 'x'}
     */
    public static <E extends Enum<E>> E oneOf(String option, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new ValidationException(option, "must be " + names(type) + ", not '" + value + "'");
    }

    private static String names(Class<? extends Enum<?>> type) {
        String[] names = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
        if (names.length == 1) {
            return names[0];
        }
        return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", ")) + " or "
                + names[names.length - 1];
    }
}
