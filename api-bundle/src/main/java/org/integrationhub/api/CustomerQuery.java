package org.integrationhub.api;

/**
 * A page request over customers, ordered by id (creation order).
 *
 * @param email only the customer with this e-mail address (compared case-insensitively), or null for all
 * @param cursor the {@link Page#nextCursor()} of the previous page, or null for the first
 * @param limit page size, 1 to {@link TicketQuery#MAX_LIMIT}; 0 means {@link TicketQuery#DEFAULT_LIMIT}
 * @since 0.3.0
 */
public record CustomerQuery(String email, String cursor, int limit) {
}
