package org.integrationhub.api;

/**
 * Filters and a page position for listing tickets, newest first.
 *
 * @param status only tickets in this status; null for all
 * @param priority only tickets of this priority; null for all
 * @param assignee only tickets assigned to this agent; null for all
 * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first page
 * @param limit page size, 1 to 200
 * @since 0.1.0
 */
public record TicketQuery(TicketStatus status, Priority priority, String assignee, String cursor, int limit) {
    /** Largest page size. */
    public static final int MAX_LIMIT = 200;
    /** Page size when none is given. */
    public static final int DEFAULT_LIMIT = 50;
}
