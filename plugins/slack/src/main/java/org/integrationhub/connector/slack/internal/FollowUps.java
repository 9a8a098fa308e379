package org.integrationhub.connector.slack.internal;

import java.util.ArrayList;
import java.util.List;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Ticket;

/** The short thread replies of later ticket events (mrkdwn text). */
final class FollowUps {

    private FollowUps() {
    }

    static String text(HubEvent event) {
        Ticket t = event.ticket();
        return switch (event.type()) {
            case TICKET_CREATED -> "Ticket created: " + TicketMessage.escape(t.subject());
            case TICKET_UPDATED -> "Updated " + changes(event);
            case TICKET_RESOLVED -> ":white_check_mark: Resolved";
            case TICKET_CLOSED -> ":lock: Closed";
            case COMMENT_ADDED -> comment(event);
            case RATING_RECEIVED -> event.rating() == null ? "Rated"
                    : ":star: Rated " + event.rating().score() + "/5"
                            + (event.rating().comment() == null || event.rating().comment().isBlank() ? ""
                                    : ": " + TicketMessage.escape(event.rating().comment()));
            case CUSTOMER_UPDATED -> throw new IllegalArgumentException("not a ticket event: " + event.type());
        };
    }

    private static String changes(HubEvent event) {
        Ticket t = event.ticket();
        List<String> parts = new ArrayList<>();
        for (String field : event.changedFields().stream().sorted().toList()) {
            switch (field) {
                case "status" -> parts.add("status → *" + TicketMessage.label(t.status()) + "*");
                case "assignee" -> parts.add("assignee → *" + (t.assignee() == null ? "Unassigned"
                        : TicketMessage.escape(t.assignee())) + "*");
                case "priority" -> parts.add("priority → *" + t.priority().label() + "*");
                default -> parts.add(field);
            }
        }
        return parts.isEmpty() ? "ticket" : String.join(", ", parts);
    }

    private static String comment(HubEvent event) {
        if (event.comment() == null) {
            return "New comment";
        }
        String author = event.comment().author() == null ? "someone" : event.comment().author().name();
        String internal = event.comment().internal() ? " (internal)" : "";
        return ":speech_balloon: " + TicketMessage.escape(author) + internal + ": "
                + TicketMessage.escape(TicketMessage.excerpt(event.comment().body()));
    }
}
