package org.integrationhub.connector.teams.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the Adaptive Cards (version 1.5) the connector sends: the ticket card of CONTRACT.md (subject as a Large
 * Bolder TextBlock; FactSet Ticket ID / Priority / Customer, plus Status, Assignee and SLA due; "Open in Helpdesk"),
 * in a band coloured by priority, with the bot's buttons in bot mode; and a plain text card. Every card it can make is
 * validated against the official 1.5 schema in the tests, since Teams drops an invalid card silently.
 */
final class TicketCard {

    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    static final String VERSION = "1.5";
    /** Verbs of the bot card's {@code Action.Execute} buttons. */
    static final String ASSIGN_TO_ME = "assign_to_me";
    static final String SET_STATUS = "set_status";
    static final String CLOSE = "close";
    /** Input id of the status choice; the key of its value in the action's data. */
    static final String STATUS_INPUT = "status";
    /** Data key carrying the ticket id on every button. */
    static final String TICKET_ID = "ticketId";

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TicketCard() {
    }

    /**
     * @param ticket the ticket as it is now
     * @param headline what happened, e.g. "New ticket" (a subtle line under the subject); may be null
     * @param ticketUrl where "Open in Helpdesk" goes ({@code IntegrationContext.ticketUrl})
     * @param withButtons whether to add the bot's buttons (Assign to me, Change status, Close): only a bot can take
     *        them, a Workflows post shows {@code Action.OpenUrl} only
     * @return the card
     */
    static ObjectNode ticket(Ticket ticket, String headline, String ticketUrl, boolean withButtons) {
        ObjectNode card = card();
        ObjectNode band = card.withArray("body").addObject().put("type", "Container")
                .put("style", style(ticket.priority())).put("bleed", true);
        ArrayNode items = band.putArray("items");
        items.addObject().put("type", "TextBlock").put("text", ticket.subject()).put("size", "Large")
                .put("weight", "Bolder").put("wrap", true);
        items.addObject().put("type", "TextBlock").put("text", priorityLine(ticket))
                .put("color", color(ticket.priority())).put("weight", "Bolder").put("spacing", "None");
        if (headline != null && !headline.isBlank()) {
            items.addObject().put("type", "TextBlock").put("text", headline).put("isSubtle", true)
                    .put("wrap", true).put("spacing", "Small");
        }
        ArrayNode facts = card.withArray("body").addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Ticket ID", ticket.id());
        fact(facts, "Priority", ticket.priority().label());
        fact(facts, "Customer", customer(ticket));
        fact(facts, "Status", label(ticket.status()));
        fact(facts, "Assignee", ticket.assignee() == null || ticket.assignee().isBlank() ? "Unassigned"
                : ticket.assignee());
        fact(facts, "SLA due", DUE.format(ticket.slaDueAt()));
        ArrayNode actions = card.putArray("actions");
        actions.addObject().put("type", "Action.OpenUrl").put("title", "Open in Helpdesk").put("url", ticketUrl);
        if (withButtons) {
            buttons(actions, ticket);
        }
        return card;
    }

    /** @return a card with one wrapped TextBlock (the post_message action in workflow mode) */
    static ObjectNode text(String text) {
        ObjectNode card = card();
        card.withArray("body").addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
        return card;
    }

    /** @return a Bot Framework / Workflows message carrying the card as its one attachment */
    static ObjectNode message(ObjectNode card) {
        ObjectNode message = Json.object().put("type", "message");
        message.putArray("attachments").addObject().put("contentType", CONTENT_TYPE).putNull("contentUrl")
                .set("content", card);
        return message;
    }

    private static ObjectNode card() {
        ObjectNode card = Json.object().put("$schema", SCHEMA).put("type", "AdaptiveCard").put("version", VERSION);
        card.putArray("body");
        return card;
    }

    private static void buttons(ArrayNode actions, Ticket ticket) {
        if (ticket.status().isActive()) {
            execute(actions.addObject(), "Assign to me", ASSIGN_TO_ME, ticket.id());
        }
        ObjectNode choose = Json.object().put("type", "AdaptiveCard");
        ObjectNode input = choose.putArray("body").addObject().put("type", "Input.ChoiceSet").put("id", STATUS_INPUT)
                .put("label", "New status").put("isRequired", true).put("errorMessage", "Choose a status")
                .put("style", "compact");
        ArrayNode choices = input.putArray("choices");
        for (TicketStatus target : TicketStatus.values()) {
            if (ticket.status().canTransitionTo(target) && target != TicketStatus.CLOSED) {
                choices.addObject().put("title", label(target)).put("value", target.wireName());
            }
        }
        if (!choices.isEmpty()) {
            input.put("value", choices.get(0).get("value").asText());
            execute(choose.putArray("actions").addObject(), "Set status", SET_STATUS, ticket.id());
            actions.addObject().put("type", "Action.ShowCard").put("title", "Change status").set("card", choose);
        }
        if (ticket.status().canTransitionTo(TicketStatus.CLOSED)) {
            execute(actions.addObject(), "Close", CLOSE, ticket.id()).put("style", "destructive");
        }
    }

    private static ObjectNode execute(ObjectNode action, String title, String verb, String ticketId) {
        action.put("type", "Action.Execute").put("title", title).put("verb", verb);
        action.putObject("data").put("verb", verb).put(TICKET_ID, ticketId);
        return action;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value == null || value.isBlank() ? "-" : value);
    }

    private static String customer(Ticket ticket) {
        String name = ticket.customer().name();
        return name == null || name.isBlank() ? ticket.customer().email() : name;
    }

    private static String priorityLine(Ticket ticket) {
        return ticket.priority().label() + " priority · " + label(ticket.status());
    }

    /** @return the status as people read it, e.g. "Open" */
    static String label(TicketStatus status) {
        String wire = status.wireName();
        return Character.toUpperCase(wire.charAt(0)) + wire.substring(1);
    }

    /** The band's Container style: urgent red, high amber, normal blue, low neutral. */
    static String style(Priority priority) {
        return switch (priority) {
            case URGENT -> "attention";
            case HIGH -> "warning";
            case NORMAL -> "accent";
            case LOW -> "emphasis";
        };
    }

    /** The priority line's TextBlock colour, matching {@link #style}. */
    static String color(Priority priority) {
        return switch (priority) {
            case URGENT -> "attention";
            case HIGH -> "warning";
            case NORMAL -> "accent";
            case LOW -> "default";
        };
    }
}
