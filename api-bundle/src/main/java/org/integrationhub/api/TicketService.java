package org.integrationhub.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and changes tickets, their comments and ratings. Every change is written together with its
 * {@link HubEvent} in one transaction: no change without its event, no event without its change.
 *
 * <p>Thread-safe. Methods throw {@link ValidationException} for invalid input, {@link NotFoundException} for an
 * unknown ticket id and {@link ConflictException} for a change the ticket's state forbids.
 *
 * @since 0.1.0
 */
@ProviderType
public interface TicketService {

    /**
     * Opens a ticket (status open, SLA due time from its priority); emits {@code ticket.created}.
     *
     * @param ticket what to open
     * @return the stored ticket
     */
    Ticket create(NewTicket ticket);

    /**
     * @param id a ticket id; any string (invalid ids simply find nothing)
     * @return the ticket, if it exists
     */
    Optional<Ticket> find(String id);

    /**
     * Applies a partial change. Emits {@code ticket.updated} for changes other than status, and for a status change
     * {@code ticket.resolved}, {@code ticket.closed} or {@code ticket.updated} (pending, reopen). A no-op update
     * returns the ticket unchanged and emits nothing.
     *
     * @param id the ticket id
     * @param update the change
     * @return the ticket after the change
     * @throws ConflictException for an illegal status transition
     */
    Ticket update(String id, TicketUpdate update);

    /**
     * Lists tickets newest first.
     *
     * @param query filters and page position
     * @return one page
     * @throws ValidationException for a malformed cursor or limit
     */
    Page<Ticket> list(TicketQuery query);

    /**
     * Adds a comment; emits {@code comment.added}.
     *
     * @param ticketId the ticket
     * @param author who writes; may carry nulls
     * @param body the text, not blank
     * @param internal agent-only note
     * @return the stored comment
     */
    Comment addComment(String ticketId, Person author, String body, boolean internal);

    /**
     * @param ticketId the ticket
     * @return its comments, oldest first
     */
    List<Comment> comments(String ticketId);

    /**
     * Records a rating; emits {@code rating.received}. A later rating of the same ticket replaces the earlier one.
     *
     * @param ticketId the ticket
     * @param score 1 to 5
     * @param comment may be null
     * @return the stored rating
     */
    Rating rate(String ticketId, int score, String comment);

    /**
     * @param ticketId the ticket
     * @return the events of this ticket in the order they were written
     */
    List<HubEvent> events(String ticketId);

    /** @return figures over all tickets now */
    TicketMetrics metrics();

    /**
     * The figures of the ticket metrics endpoint: open, overdue and SLA-breached tickets, and the average
     * resolution time over the tickets resolved in the last 60 minutes, in total and per priority. Computed from
     * indexes, so one call stays fast with millions of tickets.
     *
     * <p>The default implementation throws: implementations that do not keep the figures (such as a test fake
     * written before 0.2.0) need not provide them.
     *
     * @return the figures now
     * @throws UnsupportedOperationException if this implementation does not compute them
     * @since 0.2.0
     */
    default TicketStats stats() {
        throw new UnsupportedOperationException("ticket statistics are not computed by " + getClass().getName());
    }
}
