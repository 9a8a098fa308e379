package org.integrationhub.api;

import java.time.Instant;

/**
 * A comment on a ticket.
 *
 * @param id ULID
 * @param ticketId the ticket's id
 * @param author who wrote it (name and e-mail; either may be null)
 * @param body the text, never blank
 * @param internal true for a note visible to agents only
 * @param createdAt when it was written
 * @since 0.1.0
 */
public record Comment(String id, String ticketId, Person author, String body, boolean internal, Instant createdAt) {
}
