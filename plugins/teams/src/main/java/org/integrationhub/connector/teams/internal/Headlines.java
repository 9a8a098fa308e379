package org.integrationhub.connector.teams.internal;

import java.util.TreeSet;

import org.integrationhub.api.HubEvent;

/** The subtle line under a card's subject that says what the event changed. */
final class Headlines {

    /** Longest comment excerpt shown on a card. */
    static final int EXCERPT = 300;

    private Headlines() {
    }

    static String of(HubEvent event) {
        return switch (event.type()) {
            case TICKET_CREATED -> "New ticket";
            case TICKET_UPDATED -> event.changedFields().isEmpty() ? "Ticket updated"
                    : "Updated: " + String.join(", ", new TreeSet<>(event.changedFields()));
            case TICKET_RESOLVED -> "Resolved";
            case TICKET_CLOSED -> "Closed";
            case COMMENT_ADDED -> comment(event);
            case RATING_RECEIVED -> event.rating() == null ? "Rated" : "Rated " + event.rating().score() + "/5";
            case CUSTOMER_UPDATED -> throw new IllegalArgumentException("not a ticket event: " + event.type());
        };
    }

    private static String comment(HubEvent event) {
        if (event.comment() == null) {
            return "New comment";
        }
        String who = event.comment().author() == null || event.comment().author().name() == null
                ? "someone" : event.comment().author().name();
        String body = event.comment().body();
        if (body.length() > EXCERPT) {
            body = body.substring(0, EXCERPT - 1) + "…";
        }
        return (event.comment().internal() ? "Internal note by " : "Comment by ") + who + ": " + body;
    }
}
