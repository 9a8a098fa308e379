package org.integrationhub.connector.teams.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Ticket;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns ticket events into Teams cards. Workflow mode posts one card per event. Bot mode posts one card per ticket
 * into the configured conversation and updates that same message on every later event; the message id is the
 * ticket's public link of type {@value #LINK_TYPE} (listed at {@code GET /api/v1/tickets/{id}/links}). Redelivered
 * events (sequence not above the last one handled for the ticket) are skipped.
 */
final class CardNotifier {

    static final String LINK_TYPE = "message";
    /** Private LinkStore value: the sequence of the last event handled for a ticket. */
    static final String LAST_SEQUENCE = "teams.sequence";

    /** Where cards go: a Workflows webhook, or the bot's conversation. */
    interface Sink {
        /** Posts a new message; @return its id in Teams, or null when the channel reports none (Workflows) */
        String post(ObjectNode message) throws IntegrationException;

        /** Replaces an earlier message. */
        void update(String messageId, ObjectNode message) throws IntegrationException;

        /** @return whether messages can be updated (bot mode) */
        boolean updatable();

        /** @return a link people can open for a message, or "" */
        String messageUrl(String messageId);
    }

    private final Logger logger = LoggerFactory.getLogger(CardNotifier.class);
    private final String instance;
    private final Sink sink;
    private final LinkStore links;
    private final Function<String, String> ticketUrl;

    CardNotifier(String instance, Sink sink, LinkStore links, Function<String, String> ticketUrl) {
        this.instance = instance;
        this.sink = sink;
        this.links = links;
        this.ticketUrl = ticketUrl;
    }

    void onEvent(HubEvent event) throws IntegrationException {
        Ticket ticket = event.ticket();
        long last = links.get(instance, ticket.id(), LAST_SEQUENCE).map(CardNotifier::parse).orElse(0L);
        if (event.sequence() > 0 && event.sequence() <= last) {
            logger.debug("Teams '{}': event {} of ticket {} already handled", instance, event.id(), ticket.id());
            return;
        }
        ObjectNode message = TicketCard.message(TicketCard.ticket(ticket, Headlines.of(event),
                ticketUrl.apply(ticket.id()), sink.updatable()));
        Optional<TicketLink> posted = sink.updatable() ? links.link(instance, ticket.id(), LINK_TYPE)
                : Optional.empty();
        if (posted.isPresent() && !updated(posted.get(), message)) {
            posted = Optional.empty();
        }
        if (posted.isEmpty()) {
            String messageId = sink.post(message);
            if (messageId != null && sink.updatable()) {
                links.putLink(new TicketLink(instance, ticket.id(), LINK_TYPE, messageId, sink.messageUrl(messageId)));
            }
        }
        if (event.sequence() > 0) {
            links.put(instance, ticket.id(), LAST_SEQUENCE, Long.toString(event.sequence()));
        }
    }

    /** @return false when the earlier message is gone (deleted in Teams): a new one is posted instead */
    private boolean updated(TicketLink link, ObjectNode message) throws IntegrationException {
        try {
            sink.update(link.key(), message);
            return true;
        } catch (IntegrationException e) {
            if (e.category() == ErrorCategory.CONFIGURATION && e.getMessage().contains("HTTP 404")) {
                logger.info("Teams '{}': the card of ticket {} was deleted in Teams; posting a new one", instance,
                        link.ticketId());
                return false;
            }
            throw e;
        }
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    /** @return a Teams deep link to a channel message, or "" when the conversation is not a channel */
    static String channelMessageUrl(String conversationId, String messageId) {
        String channel = conversationId.contains(";") ? conversationId.substring(0, conversationId.indexOf(';'))
                : conversationId;
        if (!channel.startsWith("19:")) {
            return "";
        }
        return "https://teams.microsoft.com/l/message/" + URLEncoder.encode(channel, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(messageId, StandardCharsets.UTF_8);
    }
}
