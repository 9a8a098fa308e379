package org.integrationhub.connector.trello.internal.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.integrationhub.api.Comment;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Person;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.connector.trello.internal.client.TrelloClient;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hub → Trello: a card per ticket on the board's list for new tickets (name = subject, description = the ticket's
 * description and its URL, due = the SLA due time, the priority's label), each public comment once as a card comment,
 * resolved/closed → the card moves to the list for resolved tickets, reopened → back to the list for new ones; a
 * changed subject, description or priority (due time and label) updates the card.
 * Idempotent on redelivery: a create or comment whose answer was lost is looked up at Trello before it is written
 * again. Comments that came from Trello are never sent back.
 */
public final class CardSync {

    /** What marks a card as a ticket's, in its description: this, then the ticket id. */
    static final String MARKER = "Helpdesk ticket ";
    static final String FOOTER = "-- From Helpdesk by ";
    private static final int DESCRIPTION_MAX = 4000;
    private static final int COMMENT_MAX = 15000;

    /** Where the cards go. */
    public record Lists(String board, String listNew, String listDone) {
    }

    private final Logger logger = LoggerFactory.getLogger(CardSync.class);
    private final TrelloClient trello;
    private final Lists lists;
    private final SyncState state;
    private final TicketLocks locks;
    private final PriorityLabels labels;
    private final Function<String, String> ticketUrl;
    private final Supplier<String> ownMemberId;

    /**
     * @param ticketUrl the hub-wide ticket URL of a ticket id
     * @param ownMemberId the Trello member id of the token, or "" while unknown
     */
    public CardSync(TrelloClient trello, Lists lists, SyncState state, TicketLocks locks,
            Function<String, String> ticketUrl, Supplier<String> ownMemberId) {
        this.trello = trello;
        this.lists = lists;
        this.state = state;
        this.locks = locks;
        this.labels = new PriorityLabels(trello, lists.board());
        this.ticketUrl = ticketUrl;
        this.ownMemberId = ownMemberId;
    }

    /** Handles one hub event (at least once, in order per ticket). */
    public void onEvent(HubEvent event) throws IntegrationException {
        Ticket ticket = event.ticket();
        synchronized (locks.of(ticket.id())) {
            boolean created = state.card(ticket.id()).isEmpty();
            TicketLink card = ensureCard(ticket);
            if (event.type() == EventType.COMMENT_ADDED && event.comment() != null) {
                sendComment(card.key(), event.comment());
            } else if (!created && (event.type() == EventType.TICKET_RESOLVED
                    || event.type() == EventType.TICKET_CLOSED)) {
                place(ticket.id(), card.key(), true);
                update(ticket, card.key(), event.changedFields());
            } else if (!created && event.type() == EventType.TICKET_UPDATED) {
                if (event.changedFields().contains("status") && ticket.status() == TicketStatus.OPEN) {
                    place(ticket.id(), card.key(), false);
                }
                update(ticket, card.key(), event.changedFields());
            }
        }
    }

    /** @return the ticket's card: linked already, found after a lost answer, or created now */
    public TicketLink ensureCard(Ticket ticket) throws IntegrationException {
        String id = ticket.id();
        synchronized (locks.of(id)) {
            Optional<TicketLink> linked = state.card(id);
            if (linked.isPresent()) {
                return linked.get();
            }
            boolean done = !ticket.status().isActive();
            if (state.createPending(id)) { // an earlier create may have reached Trello: look before creating again
                String marker = MARKER + id;
                for (TrelloClient.Card c : trello.cards(lists.board())) {
                    if (c.desc().contains(marker)) {
                        logger.debug("Trello: card {} of ticket {} found after a lost answer", c.id(), id);
                        return link(id, c, c.idList().equals(lists.listDone()));
                    }
                }
            }
            String label = labels.idOf(ticket.priority());
            state.markCreatePending(id);
            TrelloClient.Card card;
            try {
                card = trello.createCard(done ? lists.listDone() : lists.listNew(), ticket.subject(),
                        description(ticket), ticket.slaDueAt().toString(), List.of(label));
            } catch (IntegrationException e) {
                if (e.category() != ErrorCategory.COMMUNICATION) { // refused: nothing was created
                    state.clearCreatePending(id);
                }
                throw e;
            }
            logger.debug("Trello: ticket {} became card {}", id, card.id());
            state.recordLabel(id, label);
            return link(id, card, done);
        }
    }

    private TicketLink link(String ticketId, TrelloClient.Card card, boolean done) {
        state.linkCard(ticketId, card.id(), card.shortUrl());
        state.markPlacement(ticketId, done);
        state.clearCreatePending(ticketId);
        return state.card(ticketId).orElseThrow();
    }

    String description(Ticket ticket) {
        String text = ticket.description().strip();
        if (text.length() > DESCRIPTION_MAX) {
            text = text.substring(0, DESCRIPTION_MAX) + "…";
        }
        return (text.isEmpty() ? "" : text + "\n\n") + MARKER + ticket.id() + ": " + ticketUrl.apply(ticket.id());
    }

    /**
     * Brings the card's name, description, due time and priority label up to date with a changed ticket. The
     * priority label is swapped for the new one; the card's other labels stay.
     */
    private void update(Ticket ticket, String cardId, Set<String> changed) throws IntegrationException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (changed.contains("subject")) {
            fields.put("name", ticket.subject());
        }
        if (changed.contains("description")) {
            fields.put("desc", description(ticket));
        }
        String label = null;
        if (changed.contains("priority")) {
            fields.put("due", ticket.slaDueAt().toString()); // the SLA due time follows the priority
            label = labels.idOf(ticket.priority());
            List<String> ids = new ArrayList<>(trello.cardLabels(cardId));
            state.label(ticket.id()).ifPresent(ids::remove);
            if (!ids.contains(label)) {
                ids.add(label);
            }
            fields.put("idLabels", String.join(",", ids));
        }
        if (fields.isEmpty()) {
            return;
        }
        trello.updateCard(cardId, fields);
        if (label != null) {
            state.recordLabel(ticket.id(), label);
        }
    }

    private void place(String ticketId, String cardId, boolean done) throws IntegrationException {
        if (state.inDone(ticketId) == done) {
            return; // the card shows this already (moved by the connector, or by a person in Trello)
        }
        trello.moveCard(cardId, done ? lists.listDone() : lists.listNew());
        state.markPlacement(ticketId, done);
    }

    /** @return the text a hub comment gets on the card */
    static String text(Comment comment) {
        Person author = comment.author();
        String name = author == null ? null : author.name() != null && !author.name().isBlank() ? author.name()
                : author.email();
        String body = comment.body().strip();
        if (body.length() > COMMENT_MAX) {
            body = body.substring(0, COMMENT_MAX) + "…";
        }
        return body + "\n\n" + FOOTER + (name == null || name.isBlank() ? "Helpdesk" : name);
    }

    private void sendComment(String cardId, Comment comment) throws IntegrationException {
        String ticketId = comment.ticketId();
        if (comment.internal() || state.fromTrello(ticketId, comment.body())) {
            return; // agent-only notes stay in the hub; a comment that came from Trello never goes back
        }
        Optional<String> sent = state.sent(ticketId, comment.id());
        if (sent.isPresent() && !sent.get().equals(SyncState.PENDING)) {
            return;
        }
        String text = text(comment);
        if (sent.isPresent()) { // an earlier answer was lost: the comment may be on the card already
            String own = ownMemberId.get();
            for (TrelloClient.CommentAction c : trello.comments(cardId)) {
                if ((own.isEmpty() || own.equals(c.memberCreatorId())) && c.text().strip().equals(text.strip())) {
                    state.recordSent(ticketId, comment.id(), c.id());
                    return;
                }
            }
        }
        state.markSendPending(ticketId, comment.id());
        String actionId;
        try {
            actionId = trello.addComment(cardId, text);
        } catch (IntegrationException e) {
            if (e.category() != ErrorCategory.COMMUNICATION) {
                state.clearSendPending(ticketId, comment.id());
            }
            throw e;
        }
        state.recordSent(ticketId, comment.id(), actionId);
    }
}
