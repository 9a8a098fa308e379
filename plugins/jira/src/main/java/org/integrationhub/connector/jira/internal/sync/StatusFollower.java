package org.integrationhub.connector.jira.internal.sync;

import java.util.Optional;
import java.util.function.Supplier;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket's status follows its issue: a transition into the {@code done} status category resolves an open or
 * pending ticket; a transition out of it (the issue reopened) reopens a resolved or closed ticket. The category last
 * seen is remembered with the webhook's timestamp, so an older webhook arriving late changes nothing, and a move
 * between two categories that are not {@code done} leaves the ticket alone. Call under the ticket's lock.
 */
public final class StatusFollower {

    /** What a status change did to the ticket. */
    public enum Effect {
        RESOLVED, REOPENED, NONE
    }

    private final Logger logger = LoggerFactory.getLogger(StatusFollower.class);
    private final SyncState state;
    private final Supplier<TicketService> tickets;

    public StatusFollower(SyncState state, Supplier<TicketService> tickets) {
        this.state = state;
        this.tickets = tickets;
    }

    /**
     * @param ticketId the linked ticket
     * @param issueKey its issue (for the log)
     * @param category the issue's new status category key ({@code new}, {@code indeterminate}, {@code done})
     * @param timestamp the webhook's {@code timestamp} (epoch millis)
     */
    public Effect follow(String ticketId, String issueKey, String category, long timestamp) {
        Optional<SyncState.Status> previous = state.status(ticketId);
        if (category.isEmpty() || previous.isPresent() && timestamp < previous.get().timestamp()) {
            return Effect.NONE;
        }
        SyncState.Status now = new SyncState.Status(category, timestamp);
        Effect effect = Effect.NONE;
        Ticket ticket = tickets.get().find(ticketId).orElse(null);
        if (ticket != null) {
            boolean wasDone = previous.map(SyncState.Status::done).orElse(false);
            if (now.done() && !wasDone && ticket.status().isActive()) {
                effect = change(ticket, TicketStatus.RESOLVED, Effect.RESOLVED);
            } else if (!now.done() && wasDone && !ticket.status().isActive()) {
                effect = change(ticket, TicketStatus.OPEN, Effect.REOPENED);
            }
        }
        state.recordStatus(ticketId, now);
        if (effect != Effect.NONE) {
            logger.info("Jira: {} moved to status category '{}': ticket {} {}", issueKey, category, ticketId,
                    effect == Effect.RESOLVED ? "resolved" : "reopened");
        }
        return effect;
    }

    private Effect change(Ticket ticket, TicketStatus target, Effect effect) {
        try {
            tickets.get().update(ticket.id(), TicketUpdate.status(target));
            return effect;
        } catch (ConflictException e) {
            return Effect.NONE; // changed in the hub meanwhile
        }
    }
}
