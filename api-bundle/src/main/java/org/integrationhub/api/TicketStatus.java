package org.integrationhub.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Life-cycle state of a ticket: {@code open → pending → resolved → closed}, with reopening to {@code open}.
 *
 * <p>Legal transitions ({@link #canTransitionTo}): open→pending|resolved|closed, pending→open|resolved|closed,
 * resolved→open|closed, closed→open. Setting the current status again is a no-op, not a transition.
 *
 * @since 0.1.0
 */
public enum TicketStatus {
    OPEN("open"),
    PENDING("pending"),
    RESOLVED("resolved"),
    CLOSED("closed");

    private final String wireName;

    TicketStatus(String wireName) {
        this.wireName = wireName;
    }

    /** @return the lower-case name used on the wire */
    public String wireName() {
        return wireName;
    }

    /**
     * @param target the wanted status
     * @return whether a ticket in this status may move to {@code target}
     */
    public boolean canTransitionTo(TicketStatus target) {
        return allowedTargets().contains(target);
    }

    /** @return the statuses this status may move to */
    public Set<TicketStatus> allowedTargets() {
        switch (this) {
            case OPEN:
                return EnumSet.of(PENDING, RESOLVED, CLOSED);
            case PENDING:
                return EnumSet.of(OPEN, RESOLVED, CLOSED);
            case RESOLVED:
                return EnumSet.of(OPEN, CLOSED);
            case CLOSED:
                return EnumSet.of(OPEN);
            default:
                throw new AssertionError(this);
        }
    }

    /** @return whether tickets in this status still count against their SLA */
    public boolean isActive() {
        return this == OPEN || this == PENDING;
    }

    /**
     * Parses a wire name.
     *
     * @param value a wire name such as {@code "open"}; case-insensitive
     * @return the status
     * @throws IllegalArgumentException if {@code value} is null or names no status
     */
    public static TicketStatus fromWireName(String value) {
        if (value != null) {
            String v = value.toLowerCase(Locale.ROOT);
            for (TicketStatus s : values()) {
                if (s.wireName.equals(v)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("status must be one of open, pending, resolved, closed");
    }
}
