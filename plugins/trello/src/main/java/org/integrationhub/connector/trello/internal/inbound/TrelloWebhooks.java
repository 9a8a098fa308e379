package org.integrationhub.connector.trello.internal.inbound;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

import org.integrationhub.api.HubException;
import org.integrationhub.api.Person;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.connector.trello.internal.sync.CardSync;
import org.integrationhub.connector.trello.internal.sync.SyncState;
import org.integrationhub.connector.trello.internal.sync.TicketLocks;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Trello → hub at {@code /integrations/trello/webhook}. {@code HEAD} (Trello's check of the callback URL while it
 * creates a webhook, whoever asked for it) gets 200 (CONTRACT: "HEAD → 200") from an instance that can verify the
 * deliveries that follow, 401 without a secret; every {@code POST} must carry a valid
 * {@code X-Trello-Webhook} signature over the raw body and the registered callback URL, and be about this instance's
 * board — otherwise 401, so the next instance is asked and nothing changes. Then: a linked card moved into the list
 * for resolved tickets resolves its ticket, moved out of it reopens it; a comment by a person becomes a ticket comment.
 * Each action is handled once (its id is remembered per ticket), a move older than the last one applied is ignored,
 * and actions of the connector's own member are ignored.
 */
public final class TrelloWebhooks {

    /** The inbound path below {@code /integrations/trello/}. */
    public static final String PATH = "webhook";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMMENT_MAX = 100_000;

    /** The few fields of a webhook action the connector reads. */
    record Action(String id, String type, String date, String memberId, String memberName, String boardId,
            String cardId, String listBefore, String listAfter, String text) {

        static Action of(JsonNode root) {
            JsonNode a = root.path("action");
            JsonNode data = a.path("data");
            String member = a.path("idMemberCreator").asText(a.path("memberCreator").path("id").asText(""));
            String name = a.path("memberCreator").path("fullName").asText("");
            if (name.isBlank()) {
                name = a.path("memberCreator").path("username").asText("");
            }
            // a move names both lists; older payloads carry only old.idList and the card's new idList
            boolean moved = data.path("old").has("idList");
            String before = data.path("listBefore").path("id").asText(moved ? data.path("old").path("idList")
                    .asText("") : "");
            String after = data.path("listAfter").path("id").asText(moved ? data.path("card").path("idList")
                    .asText("") : "");
            String board = data.path("board").path("id").asText(root.path("model").path("id").asText(""));
            return new Action(a.path("id").asText(""), a.path("type").asText(""), a.path("date").asText(""), member,
                    name, board,
                    data.path("card").path("id").asText(""), before, after, data.path("text").asText(""));
        }
    }

    /** What the handler needs of its instance. */
    public interface Instance {
        /** @return the callback URL Trello signs: the registered one, else the hub's public inbound URL */
        String callbackUrl();

        /** @return the member id of the connector's own Trello member, asking Trello if unknown */
        String ownMemberId() throws IntegrationException;
    }

    private final Logger logger = LoggerFactory.getLogger(TrelloWebhooks.class);
    private final WebhookVerifier verifier;
    private final CardSync.Lists lists;
    private final SyncState state;
    private final TicketLocks locks;
    private final Supplier<TicketService> tickets;
    private final Instance instance;

    public TrelloWebhooks(WebhookVerifier verifier, CardSync.Lists lists, SyncState state, TicketLocks locks,
            Supplier<TicketService> tickets, Instance instance) {
        this.verifier = verifier;
        this.lists = lists;
        this.state = state;
        this.locks = locks;
        this.tickets = tickets;
        this.instance = instance;
    }

    /** Handles one request to the webhook path. */
    public InboundResponse handle(InboundRequest request) {
        if (!verifier.configured()) {
            return InboundResponse.unauthorized("this Trello instance has no .api.secret configured");
        }
        if ("HEAD".equals(request.method())) {
            return InboundResponse.ok(); // Trello creates a webhook only if its callback answers HEAD with 200
        }
        if (!"POST".equals(request.method())) {
            return InboundResponse.problem(405, "Method Not Allowed", "Trello sends HEAD and POST requests");
        }
        byte[] body = request.body();
        String refused = verifier.problem(body, request.header(WebhookVerifier.HEADER), instance.callbackUrl());
        if (refused != null) {
            return InboundResponse.unauthorized(refused);
        }
        Action action;
        try {
            action = Action.of(JSON.readTree(body));
        } catch (IOException e) {
            return InboundResponse.problem(400, "Bad Request", "the body is not a Trello webhook payload");
        }
        if (!action.boardId().isEmpty() && !action.boardId().equals(lists.board())) {
            return InboundResponse.unauthorized("the action is about another board than this instance's");
        }
        try {
            apply(action);
        } catch (IntegrationException e) {
            return InboundResponse.problem(503, "Service Unavailable", "Trello could not be asked who the "
                    + "connector is; try again later");
        }
        return InboundResponse.ok();
    }

    private void apply(Action action) throws IntegrationException {
        if (action.id().isEmpty() || action.cardId().isEmpty()) {
            return; // not about a card
        }
        Optional<TicketLink> link = state.ticketOf(action.cardId());
        if (link.isEmpty()) {
            return; // a card that is no ticket's
        }
        boolean move = "updateCard".equals(action.type()) && !action.listAfter().isEmpty()
                && !action.listAfter().equals(action.listBefore());
        boolean comment = "commentCard".equals(action.type()) && !action.text().isBlank();
        if (!move && !comment) {
            return;
        }
        if (action.memberId().equals(instance.ownMemberId())) {
            return; // the connector's own write, coming back
        }
        String ticketId = link.get().ticketId();
        synchronized (locks.of(ticketId)) {
            if (state.seen(ticketId, action.id())) {
                logger.debug("Trello: action {} for ticket {} handled before; replay ignored", action.id(), ticketId);
                return;
            }
            try {
                if (move) {
                    moved(ticketId, action);
                } else {
                    commented(ticketId, action);
                }
            } catch (HubException e) {
                logger.debug("Trello: action {} not applied to ticket {}: {}", action.id(), ticketId,
                        e.getMessage());
            }
            state.markSeen(ticketId, action.id());
        }
    }

    private void moved(String ticketId, Action action) {
        boolean intoDone = action.listAfter().equals(lists.listDone());
        boolean outOfDone = action.listBefore().equals(lists.listDone());
        if (!intoDone && !outOfDone) {
            return; // between the team's own lists: no ticket status
        }
        Optional<Instant> when = instant(action.date());
        Optional<Instant> last = state.lastMove(ticketId);
        if (when.isPresent() && last.isPresent() && !when.get().isAfter(last.get())) {
            logger.debug("Trello: move {} of ticket {} is older than one applied already; ignored", action.id(),
                    ticketId);
            return; // a delivery Trello retried after a later move: the later move holds
        }
        when.ifPresent(w -> state.recordMove(ticketId, w));
        state.markPlacement(ticketId, intoDone);
        Optional<Ticket> ticket = tickets.get().find(ticketId);
        if (ticket.isEmpty()) {
            return;
        }
        TicketStatus status = ticket.get().status();
        if (intoDone && status.isActive()) {
            tickets.get().update(ticketId, TicketUpdate.status(TicketStatus.RESOLVED));
        } else if (outOfDone && !status.isActive()) {
            tickets.get().update(ticketId, TicketUpdate.status(TicketStatus.OPEN));
        }
    }

    private static Optional<Instant> instant(String date) {
        try {
            return date.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(date));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void commented(String ticketId, Action action) {
        Optional<String> imported = state.imported(ticketId, action.id());
        String body = action.text().length() > COMMENT_MAX ? action.text().substring(0, COMMENT_MAX)
                : action.text();
        String author = action.memberName().isBlank() ? "Trello user" : action.memberName();
        if (imported.isPresent()) {
            if (!state.importPending(ticketId, action.id())) {
                return;
            }
            Optional<String> there = tickets.get().comments(ticketId).stream()
                    .filter(c -> c.body().strip().equals(body.strip()) && c.author() != null
                            && author.equals(c.author().name()))
                    .map(c -> c.id()).findFirst();
            if (there.isPresent()) { // added before a crash, not recorded
                state.recordImported(ticketId, action.id(), there.get());
                return;
            }
        }
        state.markImportPending(ticketId, action.id(), body);
        String commentId = tickets.get().addComment(ticketId, new Person(null, author), body, false).id();
        state.recordImported(ticketId, action.id(), commentId);
    }
}
