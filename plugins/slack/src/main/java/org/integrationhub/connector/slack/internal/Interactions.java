package org.integrationhub.connector.slack.internal;

import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.spi.InboundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Button clicks and selections on ticket messages ({@code block_actions} payloads): {@code assign_to_me} assigns
 * the ticket to the clicking user (by e-mail), {@code change_status} moves it to the selected status. Slack gets
 * an empty 200 at once; the work runs on the platform scheduler and then updates the clicked message in place
 * ({@code chat.update}), or tells the user why not in an ephemeral message (illegal transition, unknown ticket).
 */
final class Interactions {

    private final Logger logger = LoggerFactory.getLogger(Interactions.class);
    private final Supplier<TicketService> tickets;
    private final SlackClient slack;
    private final DeferredReply replies;
    private final Executor executor;
    private final Function<String, String> ticketLink;

    Interactions(Supplier<TicketService> tickets, SlackClient slack, DeferredReply replies, Executor executor,
            Function<String, String> ticketLink) {
        this.tickets = tickets;
        this.slack = slack;
        this.replies = replies;
        this.executor = executor;
        this.ticketLink = ticketLink;
    }

    /** A click: who, what, on which message. */
    record Click(String userId, String actionId, String ticketId, String value, String channelId, String messageTs,
            String responseUrl) {
    }

    /** @param payload the {@code payload} form field (JSON) */
    InboundResponse handle(String payload) {
        Click click;
        try {
            click = parse(payload);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            return InboundResponse.problem(400, "Bad Request", "payload is not a Slack interaction payload");
        }
        if (click == null) {
            return InboundResponse.ok(); // not a click we act on (e.g. the URL button): acknowledge
        }
        executor.execute(() -> act(click));
        return InboundResponse.ok();
    }

    static Click parse(String payload) {
        JsonObject p = JsonParser.parseString(payload == null ? "" : payload).getAsJsonObject();
        if (!"block_actions".equals(string(p, "type")) || !p.has("actions") || p.getAsJsonArray("actions").isEmpty()) {
            return null;
        }
        JsonObject action = p.getAsJsonArray("actions").get(0).getAsJsonObject();
        String actionId = string(action, "action_id");
        String blockId = string(action, "block_id");
        String ticketId = blockId != null && blockId.startsWith(TicketMessage.BLOCK_PREFIX)
                ? blockId.substring(TicketMessage.BLOCK_PREFIX.length()) : string(action, "value");
        String value = action.has("selected_option") ? string(action.getAsJsonObject("selected_option"), "value")
                : string(action, "value");
        JsonObject container = p.has("container") ? p.getAsJsonObject("container") : new JsonObject();
        String channel = string(container, "channel_id");
        if (channel == null && p.has("channel")) {
            channel = string(p.getAsJsonObject("channel"), "id");
        }
        if (!TicketMessage.ACTION_ASSIGN_TO_ME.equals(actionId) && !TicketMessage.ACTION_CHANGE_STATUS.equals(actionId)
                || ticketId == null) {
            return null;
        }
        return new Click(string(p.getAsJsonObject("user"), "id"), actionId, ticketId, value, channel,
                string(container, "message_ts"), string(p, "response_url"));
    }

    private void act(Click click) {
        try {
            Ticket ticket = TicketMessage.ACTION_ASSIGN_TO_ME.equals(click.actionId()) ? assignToMe(click)
                    : changeStatus(click);
            show(click, ticket);
        } catch (ConflictException e) {
            replies.post(click.responseUrl(), Replies.ephemeral(e.getMessage()));
            // the select shows the refused choice: put the message back to the ticket's real state
            tickets.get().find(click.ticketId()).ifPresent(t -> {
                try {
                    show(click, t);
                } catch (Exception failed) {
                    logger.debug("Re-rendering the message of ticket {} failed", t.id(), failed);
                }
            });
        } catch (NotFoundException e) {
            replies.post(click.responseUrl(), Replies.ephemeral(e.getMessage()));
        } catch (Exception e) {
            logger.warn("Slack action {} on ticket {} failed: {}", click.actionId(), click.ticketId(), e.toString());
            replies.post(click.responseUrl(), Replies.failure("That did not work", e));
        }
    }

    private void show(Click click, Ticket ticket) throws Exception {
        if (click.channelId() != null && click.messageTs() != null) {
            TicketMessage m = TicketMessage.of(ticket, ticketLink.apply(ticket.id()));
            slack.update(click.channelId(), click.messageTs(), m.text(), m.blocks(), m.attachments());
        }
    }

    private Ticket assignToMe(Click click) throws Exception {
        String email = slack.user(click.userId()).email();
        return tickets.get().update(click.ticketId(), TicketUpdate.assign(email));
    }

    private Ticket changeStatus(Click click) {
        TicketStatus target = TicketStatus.fromWireName(click.value());
        Ticket current = tickets.get().find(click.ticketId())
                .orElseThrow(() -> new NotFoundException("Ticket " + click.ticketId() + " no longer exists"));
        if (current.status() == target) {
            return current;
        }
        if (!current.status().canTransitionTo(target)) {
            throw new ConflictException("Ticket " + current.id() + " cannot go from "
                    + TicketMessage.label(current.status()) + " to " + TicketMessage.label(target) + ".");
        }
        return tickets.get().update(current.id(), TicketUpdate.status(target));
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o == null ? null : o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
