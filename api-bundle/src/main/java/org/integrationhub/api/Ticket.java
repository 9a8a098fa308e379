package org.integrationhub.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of a ticket.
 *
 * @param id ULID (26 characters, Crockford base32), sortable by creation time
 * @param subject one-line summary, never blank
 * @param description body text, may be empty but not null
 * @param priority priority
 * @param status status
 * @param assignee the agent the ticket is assigned to (an e-mail address or user name); null when unassigned
 * @param customer the customer who asked
 * @param createdAt creation time
 * @param updatedAt time of the last change
 * @param slaDueAt when the ticket must be resolved by, derived from its priority
 * @param resolvedAt when it was last resolved; null while unresolved
 * @since 0.1.0
 */
public record Ticket(String id, String subject, String description, Priority priority, TicketStatus status,
        String assignee, Customer customer, Instant createdAt, Instant updatedAt, Instant slaDueAt,
        Instant resolvedAt) {
    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        description = description == null ? "" : description;
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(slaDueAt, "slaDueAt");
    }

    /**
     * @param now the time to compare with
     * @return whether the ticket is still active (open or pending) past its SLA due time
     */
    public boolean isOverdue(Instant now) {
        return status.isActive() && now.isAfter(slaDueAt);
    }
}
