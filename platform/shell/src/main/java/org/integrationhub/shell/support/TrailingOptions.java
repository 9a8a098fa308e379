package org.integrationhub.shell.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.ValidationException;

/**
 * Options written after a command's positional arguments ({@code hub:apikey-create NAME --scope S}): Karaf's
 * parser stops reading options at the first argument, so commands whose documented syntax puts options last
 * collect the trailing words and read them here. Each option takes one value ({@code --opt v} or {@code --opt=v}).
 *
 * <p>Shared by every bundle that contributes {@code hub:*} commands (import this package with
 * {@code resolution:=optional}, like the Karaf shell packages).
 *
 * @since 0.1.0
 */
public final class TrailingOptions {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private TrailingOptions() {
    }

    /**
     * @param words the trailing words; may be null
     * @param options each option's names, the first being canonical
     */
    @SafeVarargs
    public static TrailingOptions parse(List<String> words, List<String>... options) {
        TrailingOptions result = new TrailingOptions();
        for (List<String> names : options) {
            result.values.put(names.get(0), new ArrayList<>());
        }
        if (words == null) {
            return result;
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String name = word;
            String value = null;
            int eq = word.indexOf('=');
            if (word.startsWith("-") && eq > 0) {
                name = word.substring(0, eq);
                value = word.substring(eq + 1);
            }
            String canonical = canonical(name, options);
            if (canonical == null) {
                throw new ValidationException("arguments", "unexpected '" + word + "'");
            }
            if (value == null) {
                if (i + 1 >= words.size()) {
                    throw new ValidationException(canonical, "needs a value");
                }
                value = words.get(++i);
            }
            result.values.get(canonical).add(value);
        }
        return result;
    }

    @SafeVarargs
    private static String canonical(String name, List<String>... options) {
        for (List<String> names : options) {
            if (names.contains(name)) {
                return names.get(0);
            }
        }
        return null;
    }

    /** @param canonical the option's first name @return its values in order */
    public List<String> values(String canonical) {
        return values.getOrDefault(canonical, List.of());
    }
}
