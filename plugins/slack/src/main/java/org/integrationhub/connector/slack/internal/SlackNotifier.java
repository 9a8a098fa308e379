package org.integrationhub.connector.slack.internal;

import java.util.Set;
import java.util.function.Function;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Ticket;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns ticket events into Slack messages. The first event of a ticket posts its message (the thread root) to the
 * routed channel; later events whose route is the same channel reply in that thread, events routed elsewhere get a
 * message of their own there; changes of status, assignee, priority or subject also update the root message in
 * place ({@code chat.update}). Redelivered events (sequence not above the last handled) are skipped. The thread is
 * also published as the ticket's public link (type {@value #LINK_TYPE}, key {@code <channel id>:<ts>}, the message's
 * permalink), listed at {@code GET /api/v1/tickets/{id}/links}; a thread posted before links existed gets its link
 * with the ticket's next event.
 */
final class SlackNotifier {

    /** The {@link TicketLink#type()} of a ticket's Slack thread. */
    static final String LINK_TYPE = "thread";

    private static final Set<String> SHOWN_FIELDS = Set.of("status", "assignee", "priority", "subject",
            "description");

    private final Logger logger = LoggerFactory.getLogger(SlackNotifier.class);
    private final String instance;
    private final SlackClient slack;
    private final ChannelRouter router;
    private final LinkStore links;
    private final Function<String, String> ticketLink;

    SlackNotifier(String instance, SlackClient slack, ChannelRouter router, LinkStore links,
            Function<String, String> ticketLink) {
        this.instance = instance;
        this.slack = slack;
        this.router = router;
        this.links = links;
        this.ticketLink = ticketLink;
    }

    /** @return the channel of events no rule routes */
    String defaultChannel() {
        return router.defaultChannel();
    }

    void onEvent(HubEvent event) throws IntegrationException {
        Ticket ticket = event.ticket();
        ThreadLink link = links.get(instance, ticket.id(), ThreadLink.KEY).map(ThreadLink::decode).orElse(null);
        if (link != null && event.sequence() > 0 && event.sequence() <= link.lastSequence()) {
            logger.debug("Slack '{}': event {} of ticket {} already posted", instance, event.id(), ticket.id());
            return;
        }
        String channel = router.channel(event.type(), ticket.priority());
        TicketMessage message = TicketMessage.of(ticket, ticketLink.apply(ticket.id()));
        if (link == null) {
            SlackClient.Posted posted = slack.postMessage(channel, null, message.text(), message.blocks(),
                    message.attachments());
            store(new ThreadLink(channel, posted.channel(), posted.ts(), event.sequence()), ticket);
            publish(ticket.id(), posted.channel(), posted.ts());
            return;
        }
        if (links.link(instance, ticket.id(), LINK_TYPE).isEmpty()) {
            publish(ticket.id(), link.channelId(), link.ts());
        }
        if (channel.equals(link.routedChannel())) {
            slack.postMessage(link.channelId(), link.ts(), FollowUps.text(event), null, null);
        } else {
            slack.postMessage(channel, null, message.text(), message.blocks(), message.attachments());
        }
        if (changesRoot(event)) {
            slack.update(link.channelId(), link.ts(), message.text(), message.blocks(), message.attachments());
        }
        store(link.handled(event.sequence()), ticket);
    }

    /** Re-renders a ticket's root message now (after a button click changed it); no root → nothing to do. */
    void refresh(Ticket ticket) throws IntegrationException {
        ThreadLink link = links.get(instance, ticket.id(), ThreadLink.KEY).map(ThreadLink::decode).orElse(null);
        if (link != null) {
            TicketMessage message = TicketMessage.of(ticket, ticketLink.apply(ticket.id()));
            slack.update(link.channelId(), link.ts(), message.text(), message.blocks(), message.attachments());
        }
    }

    private static boolean changesRoot(HubEvent event) {
        return event.type() == EventType.TICKET_RESOLVED || event.type() == EventType.TICKET_CLOSED
                || (event.type() == EventType.TICKET_UPDATED
                        && event.changedFields().stream().anyMatch(SHOWN_FIELDS::contains));
    }

    /**
     * Records the thread as the ticket's public link. Runs after the thread is stored, and never fails the event:
     * a failure here must not make the redelivery post a second root. Without a permalink (Slack refused or did not
     * answer) the link opens the channel ({@code app_redirect}, Slack's documented channel deep link).
     */
    private void publish(String ticketId, String channelId, String ts) {
        String url;
        try {
            url = slack.permalink(channelId, ts);
        } catch (IntegrationException e) {
            logger.debug("Slack '{}': no permalink for the thread of ticket {} ({}); linking the channel", instance,
                    ticketId, e.getMessage());
            url = "https://slack.com/app_redirect?channel=" + java.net.URLEncoder.encode(channelId,
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        links.putLink(new TicketLink(instance, ticketId, LINK_TYPE, channelId + ":" + ts, url));
    }

    private void store(ThreadLink link, Ticket ticket) {
        links.put(instance, ticket.id(), ThreadLink.KEY, link.encode());
    }
}
