package org.integrationhub.api;

import java.time.Instant;

/**
 * A customer's satisfaction rating of a ticket.
 *
 * @param id ULID
 * @param ticketId the ticket's id
 * @param score 1 (worst) to 5 (best)
 * @param comment free text; may be null
 * @param createdAt when it was given
 * @since 0.1.0
 */
public record Rating(String id, String ticketId, int score, String comment, Instant createdAt) {
}
