package org.integrationhub.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One change of the helpdesk, as written to the durable outbox in the change's own transaction.
 *
 * @param id ULID of the event; stable, usable as an idempotency key
 * @param sequence position in the outbox, strictly increasing in commit order per ticket (per customer for
 *        customer events)
 * @param type what happened
 * @param occurredAt when it happened
 * @param ticket the ticket as it was right after the change; null exactly for {@link EventType#CUSTOMER_UPDATED}
 * @param comment the added comment for {@link EventType#COMMENT_ADDED}; null otherwise
 * @param rating the rating for {@link EventType#RATING_RECEIVED}; null otherwise
 * @param changedFields for ticket and customer updates, the wire names of the fields that changed; empty otherwise
 * @param customer the customer as it was right after the change, for {@link EventType#CUSTOMER_UPDATED}; null
 *        otherwise (the ticket names its customer) (since 0.3.0)
 * @since 0.1.0
 */
public record HubEvent(String id, long sequence, EventType type, Instant occurredAt, Ticket ticket, Comment comment,
        Rating rating, Set<String> changedFields, Customer customer) {
    public HubEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (type.isTicketEvent()) {
            Objects.requireNonNull(ticket, "ticket");
        } else {
            Objects.requireNonNull(customer, "customer");
        }
        changedFields = changedFields == null ? Set.of() : Set.copyOf(changedFields);
    }

    /**
     * A ticket event, the 0.1 shape.
     *
     * @param id ULID of the event
     * @param sequence position in the outbox
     * @param type what happened (a ticket event)
     * @param occurredAt when it happened
     * @param ticket the ticket right after the change
     * @param comment the added comment, or null
     * @param rating the rating, or null
     * @param changedFields the changed fields' wire names
     */
    public HubEvent(String id, long sequence, EventType type, Instant occurredAt, Ticket ticket, Comment comment,
            Rating rating, Set<String> changedFields) {
        this(id, sequence, type, occurredAt, ticket, comment, rating, changedFields, null);
    }

    /** @return the id of the ticket the event is about; null for a customer event */
    public String ticketId() {
        return ticket == null ? null : ticket.id();
    }

    /**
     * @return what the event is about, the key that orders events for a subscriber: the ticket id, or the customer id
     *         for a customer event
     * @since 0.3.0
     */
    public String subjectId() {
        return ticket != null ? ticket.id() : customer.id();
    }
}
