package org.integrationhub.api;

import java.util.Locale;

/**
 * Urgency of a ticket. The wire name ({@link #wireName()}) is what REST, webhooks and events carry.
 *
 * @since 0.1.0
 */
public enum Priority {
    LOW("low", "Low"),
    NORMAL("normal", "Normal"),
    HIGH("high", "High"),
    URGENT("urgent", "Urgent");

    private final String wireName;
    private final String label;

    Priority(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** @return the lower-case name used on the wire, e.g. {@code "urgent"} */
    public String wireName() {
        return wireName;
    }

    /** @return a human label, e.g. {@code "Urgent"} */
    public String label() {
        return label;
    }

    /**
     * Parses a wire name.
     *
     * @param value a wire name such as {@code "high"}; case-insensitive
     * @return the priority
     * @throws IllegalArgumentException if {@code value} is null or names no priority
     */
    public static Priority fromWireName(String value) {
        if (value != null) {
            String v = value.toLowerCase(Locale.ROOT);
            for (Priority p : values()) {
                if (p.wireName.equals(v)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("priority must be one of low, normal, high, urgent");
    }
}
