package org.integrationhub.connector.asana.internal;

import java.util.function.Predicate;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Ticket;

/**
 * The texts the connector writes to Asana: a task's notes (the ticket's description, then a line naming the ticket
 * and its URL — the marker an unknown create outcome is found again by) and a comment's story text.
 */
final class TaskNotes {

    /** What a comment's story ends with; a story of the connector's own user ending so is never taken in. */
    static final String SIGNATURE = "\n\n-- From Helpdesk by ";

    private TaskNotes() {
    }

    static String of(Ticket ticket, String url) {
        String description = ticket.description().strip();
        return (description.isEmpty() ? "" : description + "\n\n") + marker(ticket.id()) + " " + url;
    }

    /** @return a test whether notes carry the ticket's marker */
    static Predicate<String> marks(String ticketId) {
        String marker = marker(ticketId);
        return notes -> notes != null && notes.contains(marker);
    }

    static String story(Comment comment) {
        String author = comment.author() == null ? null
                : comment.author().name() != null && !comment.author().name().isBlank() ? comment.author().name()
                : comment.author().email();
        return comment.body() + SIGNATURE + (author == null || author.isBlank() ? "the helpdesk" : author)
                + (comment.internal() ? " (internal note)" : "");
    }

    private static String marker(String ticketId) {
        return "Helpdesk ticket " + ticketId + ":";
    }
}
