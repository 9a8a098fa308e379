package org.integrationhub.webconsole.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.TreeSet;

/** HTML escaping and the few value formats the pages share. */
final class Html {

    private Html() {
    }

    /** @return the text with {@code & < > " '} escaped, safe in element content and quoted attributes */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** @return the instant to the second in ISO-8601 UTC, or an em dash for null */
    static String time(Instant instant) {
        return instant == null ? "\u2014" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** @return the values sorted and space-separated, or an em dash if there are none */
    static String list(Collection<String> values) {
        return values == null || values.isEmpty() ? "\u2014" : String.join(" ", new TreeSet<>(values));
    }

    /** @return the value as text, or an em dash for null */
    static String orDash(Object value) {
        return value == null || value.toString().isEmpty() ? "\u2014" : value.toString();
    }
}
