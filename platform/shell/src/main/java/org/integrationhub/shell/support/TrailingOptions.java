package org.integrationhub.shell.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.ValidationException;

/**
 * Options written after a command's positional arguments ({@code hub:apikey-create NAME --scope S}): Karaf's
 * parser stops reading options at the first argument, so commands whose documented syntax puts options last
 * collect the trailing words and read them here. An option takes one value ({@code --opt v} or {@code --opt=v});
 * a flag takes none ({@code --public}). A word that is neither is refused with a {@link ValidationException}.
 *
 * <p>The command then combines what Karaf parsed with what followed: {@link #merge} for repeatable options,
 * {@link #last} for single ones (the last value written wins), {@link #flag} for flags.
 *
 * <p>Shared by every bundle that contributes {@code hub:*} commands (import this package with
 * {@code resolution:=optional}, like the Karaf shell packages). Instances are immutable once parsed and are used by
 * one command execution.
 *
 * @since 0.1.0
 */
public final class TrailingOptions {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Map<String, Boolean> flags = new LinkedHashMap<>();

    private TrailingOptions() {
    }

    /**
     * Reads options that each take a value (no flags).
     *
     * @param words the trailing words; may be null
     * @param options each option's names, the first being canonical
     * @return the values found
     * @throws ValidationException for an unknown word or an option without a value
     */
    @SafeVarargs
    public static TrailingOptions parse(List<String> words, List<String>... options) {
        Parser parser = parser();
        for (List<String> names : options) {
            parser.option(names.toArray(String[]::new));
        }
        return parser.parse(words);
    }

    /**
     * @return a parser to declare options and flags on, as in
     *         {@code TrailingOptions.parser().option("--grant", "-g").flag("--public").parse(trailing)}
     * @since 0.2.0
     */
    public static Parser parser() {
        return new Parser();
    }

    /** @param canonical the option's first name @return its values in order; empty if not given */
    public List<String> values(String canonical) {
        return values.getOrDefault(canonical, List.of());
    }

    /**
     * @param canonical a repeatable option's first name
     * @param parsed the values Karaf parsed for it before the first argument; may be null
     * @return {@code parsed} followed by the trailing values, as a new list
     * @since 0.2.0
     */
    public List<String> merge(String canonical, List<String> parsed) {
        List<String> all = new ArrayList<>(parsed == null ? List.of() : parsed);
        all.addAll(values(canonical));
        return all;
    }

    /**
     * @param canonical a single-valued option's first name
     * @param parsed the value Karaf parsed for it before the first argument; may be null
     * @return the last trailing value if there is one (it was written last), else {@code parsed}
     * @since 0.2.0
     */
    public String last(String canonical, String parsed) {
        List<String> found = values(canonical);
        return found.isEmpty() ? parsed : found.get(found.size() - 1);
    }

    /**
     * @param canonical a flag's first name
     * @param parsed whether Karaf parsed it before the first argument
     * @return whether the flag was given at all
     * @since 0.2.0
     */
    public boolean flag(String canonical, boolean parsed) {
        return parsed || flags.getOrDefault(canonical, false);
    }

    /**
     * Declares the options and flags a command accepts after its arguments; not thread-safe, one per parse.
     *
     * @since 0.2.0
     */
    public static final class Parser {

        private final List<List<String>> options = new ArrayList<>();
        private final List<List<String>> flagNames = new ArrayList<>();

        private Parser() {
        }

        /** @param names the option's names, the first being canonical @return this parser */
        public Parser option(String... names) {
            options.add(List.of(names));
            return this;
        }

        /** @param names the flag's names, the first being canonical @return this parser */
        public Parser flag(String... names) {
            flagNames.add(List.of(names));
            return this;
        }

        /**
         * @param words the trailing words; may be null
         * @return the values and flags found
         * @throws ValidationException field {@code arguments} for an unknown word, field = the option's canonical
         *         name for an option without a value
         */
        public TrailingOptions parse(List<String> words) {
            TrailingOptions result = new TrailingOptions();
            options.forEach(names -> result.values.put(names.get(0), new ArrayList<>()));
            flagNames.forEach(names -> result.flags.put(names.get(0), false));
            List<String> all = words == null ? List.of() : words;
            for (int i = 0; i < all.size(); i++) {
                String word = all.get(i);
                String flag = canonical(word, flagNames);
                if (flag != null) {
                    result.flags.put(flag, true);
                    continue;
                }
                int eq = word.indexOf('=');
                boolean inline = word.startsWith("-") && eq > 0;
                String canonical = canonical(inline ? word.substring(0, eq) : word, options);
                if (canonical == null) {
                    throw new ValidationException("arguments", "unexpected '" + word + "'");
                }
                if (!inline && i + 1 >= all.size()) {
                    throw new ValidationException(canonical, "needs a value");
                }
                result.values.get(canonical).add(inline ? word.substring(eq + 1) : all.get(++i));
            }
            return result;
        }

        private static String canonical(String name, List<List<String>> declared) {
            for (List<String> names : declared) {
                if (names.contains(name)) {
                    return names.get(0);
                }
            }
            return null;
        }
    }
}
