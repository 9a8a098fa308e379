package org.integrationhub.connector.slack.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.IntegrationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slash commands {@code /ticket <subject>}, {@code /status <id>}, {@code /assign <id> <@user|email>} and
 * {@code /close <id>}; anything else gets the help text. Each runs through {@link DeferredReply}.
 */
final class SlashCommands {

    private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern MAILTO = Pattern.compile("<mailto:([^|>]+)(?:\\|[^>]*)?>");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

    private final Logger logger = LoggerFactory.getLogger(SlashCommands.class);
    private final Supplier<TicketService> tickets;
    private final SlackClient slack;
    private final DeferredReply replies;
    private final Function<String, String> ticketLink;

    SlashCommands(Supplier<TicketService> tickets, SlackClient slack, DeferredReply replies, Function<String, String> link) {
        this.tickets = tickets;
        this.slack = slack;
        this.replies = replies;
        this.ticketLink = link;
    }

    /** @param form the command's form fields (command, text, user_id, response_url, ...) */
    InboundResponse handle(Map<String, String> form) {
        String command = form.getOrDefault("command", "").strip().toLowerCase(Locale.ROOT);
        String text = form.getOrDefault("text", "").strip();
        String[] args = text.isEmpty() ? new String[0] : text.split("\\s+", 2);
        String userId = form.get("user_id");
        String responseUrl = form.get("response_url");
        return switch (command) {
            case "/ticket" -> text.isEmpty() || text.equalsIgnoreCase("help") ? help()
                    : replies.answer(() -> guarded("Could not open the ticket", () -> open(text, userId, form)),
                            responseUrl);
            case "/status" -> args.length != 1 ? help()
                    : replies.answer(() -> guarded("No status", () -> status(args[0])), responseUrl);
            case "/assign" -> args.length != 2 ? help()
                    : replies.answer(() -> guarded("Could not assign " + args[0],
                            () -> assign(args[0], args[1].strip())), responseUrl);
            case "/close" -> args.length != 1 ? help()
                    : replies.answer(() -> guarded("Could not close " + args[0], () -> close(args[0])),
                            responseUrl);
            default -> help();
        };
    }

    private static InboundResponse help() {
        return InboundResponse.json(200, Replies.help());
    }

    private String open(String subject, String userId, Map<String, String> form) throws IntegrationException {
        SlackClient.SlackUser user = slack.user(userId);
        String where = form.get("channel_name") == null ? "" : " in #" + form.get("channel_name");
        Ticket t = tickets.get().create(new NewTicket(subject, "Opened from Slack by " + user.name() + where,
                Priority.NORMAL, new Person(user.email(), user.name()), null));
        return Replies.ephemeral("Opened ticket " + Replies.summary(t, ticketLink.apply(t.id())));
    }

    private String status(String id) {
        Ticket t = tickets.get().find(id).orElseThrow(() -> new NotFoundException("no ticket " + id));
        return Replies.ephemeral(Replies.summary(t, ticketLink.apply(t.id())));
    }

    private String assign(String id, String target) throws IntegrationException {
        String email = assigneeEmail(target);
        Ticket t = tickets.get().update(id, TicketUpdate.assign(email));
        return Replies.ephemeral("Assigned " + Replies.summary(t, ticketLink.apply(t.id())));
    }

    private String close(String id) {
        Ticket current = tickets.get().find(id).orElseThrow(() -> new NotFoundException("no ticket " + id));
        if (current.status() == TicketStatus.CLOSED) {
            return Replies.ephemeral("Ticket " + id + " is already closed.");
        }
        Ticket t = tickets.get().update(id, TicketUpdate.status(TicketStatus.CLOSED));
        return Replies.ephemeral("Closed " + Replies.summary(t, ticketLink.apply(t.id())));
    }

    private String assigneeEmail(String target) throws IntegrationException {
        Matcher mention = MENTION.matcher(target);
        if (mention.matches()) {
            return slack.user(mention.group(1)).email();
        }
        Matcher mailto = MAILTO.matcher(target);
        String email = mailto.matches() ? mailto.group(1) : target;
        if (EMAIL.matcher(email).matches()) {
            return email;
        }
        throw new IntegrationException(org.integrationhub.spi.ErrorCategory.CONFIGURATION,
                "name the assignee as an @mention or an e-mail address", null);
    }

    interface Work {
        String run() throws Exception;
    }

    /** Runs work, turning every failure into an ephemeral explanation. */
    String guarded(String what, Work work) {
        try {
            return work.run();
        } catch (RuntimeException | IntegrationException e) {
            if (!(e instanceof org.integrationhub.api.HubException) && !(e instanceof IntegrationException)) {
                logger.warn("Slack command failed unexpectedly", e);
            }
            return Replies.failure(what, e);
        } catch (Exception e) {
            logger.warn("Slack command failed unexpectedly", e);
            return Replies.failure(what, e);
        }
    }
}
