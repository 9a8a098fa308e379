package org.integrationhub.connector.teams.internal;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

import org.integrationhub.api.HubException;
import org.integrationhub.api.NewTicket;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the bot does with a verified activity: card buttons ({@code invoke adaptiveCard/action} from
 * {@code Action.Execute}, or a message carrying {@code value} from {@code Action.Submit}) change the ticket and answer
 * with the refreshed card; messages {@code status <id>}, {@code close <id>}, {@code ticket <subject>} and
 * {@code help} are answered in the thread through the Bot Connector. Other activity types are acknowledged.
 */
final class BotActivities {

    static final String HELP = "Commands: **status <ticket id>** shows a ticket, **close <ticket id>** closes it, "
            + "**ticket <subject>** opens a ticket for you, **help** shows this. The buttons on a ticket card assign "
            + "it to you, change its status or close it.";
    static final String MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message";

    private final Logger logger = LoggerFactory.getLogger(BotActivities.class);
    private final Supplier<TicketService> tickets;
    private final BotConnector connector;
    private final Function<String, String> ticketUrl;

    BotActivities(Supplier<TicketService> tickets, BotConnector connector, Function<String, String> ticketUrl) {
        this.tickets = tickets;
        this.connector = connector;
        this.ticketUrl = ticketUrl;
    }

    /** @param activity a verified activity @return the HTTP answer to Bot Framework */
    InboundResponse handle(JsonNode activity) {
        String type = activity.path("type").asText("");
        if ("invoke".equals(type) && "adaptiveCard/action".equals(activity.path("name").asText())) {
            JsonNode action = activity.path("value").path("action");
            return invokeAnswer(cardAction(activity, action.path("verb").asText(""), action.path("data")));
        }
        if ("message".equals(type) && activity.path("value").isObject() && activity.path("value").has("verb")) {
            JsonNode data = activity.path("value");
            replyQuietly(activity, cardAction(activity, data.path("verb").asText(""), data));
            return InboundResponse.ok();
        }
        if ("message".equals(type)) {
            replyQuietly(activity, command(activity, text(activity.path("text").asText(""))));
            return InboundResponse.ok();
        }
        return InboundResponse.ok();
    }

    /** The outcome of a button or command: a message and, if a ticket is concerned, its refreshed card. */
    record Outcome(String text, ObjectNode card) {
        static Outcome say(String text) {
            return new Outcome(text, null);
        }
    }

    Outcome cardAction(JsonNode activity, String verb, JsonNode data) {
        String id = data.path(TicketCard.TICKET_ID).asText("");
        if (id.isBlank()) {
            return Outcome.say("This button names no ticket.");
        }
        try {
            Ticket changed = switch (verb) {
                case TicketCard.ASSIGN_TO_ME -> tickets.get().update(id, TicketUpdate.assign(email(activity)));
                case TicketCard.SET_STATUS -> tickets.get().update(id,
                        TicketUpdate.status(TicketStatus.fromWireName(data.path(TicketCard.STATUS_INPUT).asText(""))));
                case TicketCard.CLOSE -> tickets.get().update(id, TicketUpdate.status(TicketStatus.CLOSED));
                default -> null;
            };
            if (changed == null) {
                return Outcome.say("Unknown button.");
            }
            return new Outcome(done(verb, changed), card(changed, done(verb, changed)));
        } catch (HubException | IllegalArgumentException e) {
            return Outcome.say("Ticket " + id + ": " + e.getMessage());
        } catch (IntegrationException e) {
            logger.debug("Teams member lookup failed: {}", e.getMessage());
            return Outcome.say("Could not look up your e-mail address in Teams; try again later.");
        }
    }

    Outcome command(JsonNode activity, String text) {
        String[] words = text.trim().split("\\s+", 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        String argument = words.length > 1 ? words[1].trim() : "";
        try {
            switch (verb) {
                case "status" -> {
                    if (argument.isEmpty()) {
                        return Outcome.say("Usage: status <ticket id>");
                    }
                    return tickets.get().find(argument).map(t -> new Outcome("Ticket " + t.id(), card(t, null)))
                            .orElseGet(() -> Outcome.say("No ticket " + argument + "."));
                }
                case "close" -> {
                    if (argument.isEmpty()) {
                        return Outcome.say("Usage: close <ticket id>");
                    }
                    Ticket closed = tickets.get().update(argument, TicketUpdate.status(TicketStatus.CLOSED));
                    return new Outcome("Ticket " + closed.id() + " closed.", card(closed, "Closed from Teams"));
                }
                case "ticket" -> {
                    if (argument.isEmpty()) {
                        return Outcome.say("Usage: ticket <subject>");
                    }
                    String name = activity.path("from").path("name").asText("");
                    Ticket created = tickets.get().create(new NewTicket(argument, "Opened from Microsoft Teams",
                            Priority.NORMAL, new Person(email(activity), name.isBlank() ? null : name), null));
                    return new Outcome("Ticket " + created.id() + " opened.", card(created, "Opened from Teams"));
                }
                default -> {
                    return Outcome.say(HELP);
                }
            }
        } catch (HubException | IllegalArgumentException e) {
            return Outcome.say(argument.isEmpty() ? e.getMessage() : verb + " " + argument + ": " + e.getMessage());
        } catch (IntegrationException e) {
            logger.debug("Teams member lookup failed: {}", e.getMessage());
            return Outcome.say("Could not look up your e-mail address in Teams; try again later.");
        }
    }

    private String email(JsonNode activity) throws IntegrationException {
        BotConnector.Member member = connector.member(activity.path("serviceUrl").asText(),
                conversation(activity), activity.path("from").path("id").asText(""));
        if (member.email().isBlank()) {
            throw new IllegalArgumentException("Teams has no e-mail address for you");
        }
        return member.email();
    }

    private ObjectNode card(Ticket ticket, String headline) {
        return TicketCard.ticket(ticket, headline, ticketUrl.apply(ticket.id()), true);
    }

    private static String done(String verb, Ticket t) {
        return switch (verb) {
            case TicketCard.ASSIGN_TO_ME -> "Assigned to " + t.assignee();
            case TicketCard.CLOSE -> "Closed from Teams";
            default -> "Status set to " + TicketCard.label(t.status());
        };
    }

    private static InboundResponse invokeAnswer(Outcome outcome) {
        ObjectNode answer = Json.object().put("statusCode", 200);
        if (outcome.card() != null) {
            answer.put("type", TicketCard.CONTENT_TYPE).set("value", outcome.card());
        } else {
            answer.put("type", MESSAGE_RESPONSE).put("value", outcome.text());
        }
        return InboundResponse.json(200, Json.write(answer));
    }

    private void replyQuietly(JsonNode activity, Outcome outcome) {
        ObjectNode reply = outcome.card() == null ? Json.object().put("type", "message")
                : TicketCard.message(outcome.card());
        reply.put("text", outcome.text()).put("textFormat", "markdown");
        try {
            connector.reply(activity.path("serviceUrl").asText(), activity.path("conversation").path("id").asText(""),
                    activity.path("id").asText(""), reply);
        } catch (IntegrationException e) {
            logger.warn("Could not answer a Teams message: {}", e.getMessage());
        }
    }

    /** The conversation without a thread's {@code ;messageid=} suffix (member lookups need the channel's). */
    static String conversation(JsonNode activity) {
        String id = activity.path("conversation").path("id").asText("");
        int thread = id.indexOf(";messageid=");
        return thread < 0 ? id : id.substring(0, thread);
    }

    /** The command text: mentions of the bot ({@code <at>…</at>}) and markup removed. */
    static String text(String raw) {
        return raw.replaceAll("(?s)<at>.*?</at>", " ").replaceAll("<[^>]*>", " ").replace("&nbsp;", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").trim();
    }
}
