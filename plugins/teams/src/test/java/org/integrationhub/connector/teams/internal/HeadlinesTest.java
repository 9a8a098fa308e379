package org.integrationhub.connector.teams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.integrationhub.api.Comment;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Rating;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.junit.jupiter.api.Test;

/** The line under a card's subject says what the event changed. */
class HeadlinesTest {

    final Ticket ticket = TicketCardTest.ticket(Priority.NORMAL, TicketStatus.OPEN, null);

    HubEvent event(EventType type, Comment comment, Rating rating, String... changed) {
        return new HubEvent("01JEVT", 1, type, Instant.now(), ticket, comment, rating, Set.of(changed));
    }

    @Test
    void eachEventTypeHasItsLine() {
        assertThat(Headlines.of(event(EventType.TICKET_CREATED, null, null))).isEqualTo("New ticket");
        assertThat(Headlines.of(event(EventType.TICKET_UPDATED, null, null, "status", "assignee", "priority")))
                .isEqualTo("Updated: assignee, priority, status");
        assertThat(Headlines.of(event(EventType.TICKET_UPDATED, null, null))).isEqualTo("Ticket updated");
        assertThat(Headlines.of(event(EventType.TICKET_RESOLVED, null, null))).isEqualTo("Resolved");
        assertThat(Headlines.of(event(EventType.TICKET_CLOSED, null, null))).isEqualTo("Closed");
        assertThat(Headlines.of(event(EventType.RATING_RECEIVED, null, new Rating("01JR", ticket.id(), 4, "ok",
                Instant.now())))).isEqualTo("Rated 4/5");
    }

    @Test
    void commentsShowAuthorAndAnExcerptAndInternalNotesSaySo() {
        Comment note = new Comment("01JC", ticket.id(), new Person("bob@example.com", "Bob"), "x".repeat(1000), true,
                Instant.now());
        String line = Headlines.of(event(EventType.COMMENT_ADDED, note, null));
        assertThat(line).startsWith("Internal note by Bob: xxx").endsWith("…");
        assertThat(line.length()).isEqualTo("Internal note by Bob: ".length() + Headlines.EXCERPT);
        Comment anonymous = new Comment("01JC", ticket.id(), null, "Thanks!", false, Instant.now());
        assertThat(Headlines.of(event(EventType.COMMENT_ADDED, anonymous, null))).isEqualTo("Comment by someone: "
                + "Thanks!");
    }
}
