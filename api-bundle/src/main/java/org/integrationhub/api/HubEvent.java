package org.integrationhub.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One change of the helpdesk, as written to the durable outbox in the change's own transaction.
 *
 * @param id ULID of the event; stable, usable as an idempotency key
 * @param sequence position in the outbox, strictly increasing in commit order per ticket
 * @param type what happened
 * @param occurredAt when it happened
 * @param ticket the ticket as it was right after the change
 * @param comment the added comment for {@link EventType#COMMENT_ADDED}; null otherwise
 * @param rating the rating for {@link EventType#RATING_RECEIVED}; null otherwise
 * @param changedFields for ticket updates, the wire names of the fields that changed; empty otherwise
 * @since 0.1.0
 */
public record HubEvent(String id, long sequence, EventType type, Instant occurredAt, Ticket ticket, Comment comment,
        Rating rating, Set<String> changedFields) {
    public HubEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticket, "ticket");
        changedFields = changedFields == null ? Set.of() : Set.copyOf(changedFields);
    }

    /** @return the id of the ticket the event is about */
    public String ticketId() {
        return ticket.id();
    }
}
