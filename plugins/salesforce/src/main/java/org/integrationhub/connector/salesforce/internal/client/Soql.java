package org.integrationhub.connector.salesforce.internal.client;

import java.util.Locale;

/**
 * SOQL string literals. Salesforce accepts in a quoted literal only the escapes {@code \'}, {@code \"}, {@code \\},
 * {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f} and {@code \\uXXXX}; every backslash and quote of a value
 * is escaped (backslash first), so no value can end the literal and change the query. Values are never concatenated
 * into a query any other way.
 */
public final class Soql {

    /** Longest e-mail address Salesforce's Email field holds (and RFC 5321 allows). */
    static final int MAX_EMAIL = 80;

    private Soql() {
    }

    /**
     * @param value any text without control characters
     * @return the value as a quoted SOQL literal, e.g. {@code 'o\'neil@example.com'}
     * @throws IllegalArgumentException for a control character (none is valid in what the connector queries)
     */
    public static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("a control character (U+" + String.format(Locale.ROOT, "%04X",
                        (int) c) + ") cannot be part of a Salesforce query value");
            }
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /**
     * Checks an e-mail address before it goes into a query: one {@code @} with text on both sides, a dotless or
     * dotted domain of letters, digits, {@code -} and {@code .}, no whitespace or control characters, at most
     * {@value #MAX_EMAIL} characters. Apostrophes, backslashes and quotes are allowed in the local part (they are
     * escaped by {@link #literal}).
     *
     * @param email the address
     * @return the address stripped and lower-cased (Salesforce compares e-mail case-insensitively)
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String email(String email) {
        String e = email == null ? "" : email.strip();
        if (e.isEmpty()) {
            throw new IllegalArgumentException("an e-mail address is required");
        }
        if (e.length() > MAX_EMAIL) {
            throw new IllegalArgumentException("the e-mail address is longer than " + MAX_EMAIL + " characters");
        }
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("the e-mail address contains whitespace or a control character");
            }
        }
        int at = e.lastIndexOf('@');
        String domain = at < 0 ? "" : e.substring(at + 1);
        if (at < 1 || !domain.matches("[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(\\.[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*"
                + "[\\p{L}\\p{N}])?)*")) {
            throw new IllegalArgumentException("not an e-mail address: expected local-part@domain");
        }
        return e.toLowerCase(Locale.ROOT);
    }
}
