package org.integrationhub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integrationhub.core.internal.Fixture.T0;
import static org.integrationhub.core.internal.Fixture.ticket;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.api.Comment;
import org.integrationhub.api.ConflictException;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Rating;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.json.HubJson;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TicketLifecycleTest {

    static final Instant NOW = T0.truncatedTo(ChronoUnit.MILLIS);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void createsOpenTicketWithSlaAndEvent(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(new NewTicket("  Printer on fire ", null, Priority.URGENT,
                new Person(" Ada@Example.COM ", "Ada"), "agent@hub.test"));

        assertThat(t.id()).hasSize(26);
        assertThat(t.subject()).isEqualTo("Printer on fire");
        assertThat(t.description()).isEmpty();
        assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(t.assignee()).isEqualTo("agent@hub.test");
        assertThat(t.customer().email()).isEqualTo("ada@example.com");
        assertThat(t.createdAt()).isEqualTo(NOW).isEqualTo(t.updatedAt());
        assertThat(t.slaDueAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(t.resolvedAt()).isNull();
        assertThat(f.service.find(t.id())).contains(t);

        List<HubEvent> events = f.service.events(t.id());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.TICKET_CREATED);
            assertThat(e.ticket()).isEqualTo(t);
            assertThat(e.occurredAt()).isEqualTo(NOW);
            assertThat(e.changedFields()).isEmpty();
        });
        assertThat(f.eventAdmin.hubEvents()).containsExactlyElementsOf(events);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void slaDueTimesFollowConfiguredHoursAndPriorityChanges(Kind kind) {
        Fixture f = new Fixture(kind, new TestConfig(1, 3, 10, 100));
        for (Priority p : Priority.values()) {
            Ticket t = f.service.create(ticket("sla " + p, p, "sla@example.com"));
            long hours = switch (p) {
                case URGENT -> 1;
                case HIGH -> 3;
                case NORMAL -> 10;
                case LOW -> 100;
            };
            assertThat(t.slaDueAt()).as(p.name()).isEqualTo(NOW.plus(Duration.ofHours(hours)));
        }
        Ticket normal = f.service.create(ticket("defaults to normal", null, "sla@example.com"));
        assertThat(normal.priority()).isEqualTo(Priority.NORMAL);

        f.clock.advance(Duration.ofMinutes(30));
        Ticket raised = f.service.update(normal.id(), new TicketUpdate(null, null, Priority.URGENT, null, null));
        assertThat(raised.slaDueAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(raised.updatedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(last(f, normal.id()).changedFields()).containsExactly("priority");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void statusMachine(Kind kind) {
        Fixture f = new Fixture(kind);
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                Ticket t = f.service.create(ticket(from + " to " + to, Priority.NORMAL, "sm@example.com"));
                if (from != TicketStatus.OPEN) {
                    t = f.service.update(t.id(), TicketUpdate.status(from));
                }
                int eventsBefore = f.service.events(t.id()).size();
                String id = t.id();
                if (to == from) {
                    assertThat(f.service.update(id, TicketUpdate.status(to))).isEqualTo(t);
                    assertThat(f.service.events(id)).hasSize(eventsBefore);
                } else if (from.canTransitionTo(to)) {
                    assertThat(f.service.update(id, TicketUpdate.status(to)).status()).isEqualTo(to);
                    HubEvent e = last(f, id);
                    assertThat(e.type()).isEqualTo(to == TicketStatus.RESOLVED ? EventType.TICKET_RESOLVED
                            : to == TicketStatus.CLOSED ? EventType.TICKET_CLOSED : EventType.TICKET_UPDATED);
                    assertThat(e.changedFields()).containsExactly("status");
                } else {
                    assertThatThrownBy(() -> f.service.update(id, TicketUpdate.status(to)))
                            .as(from + " -> " + to).isInstanceOf(ConflictException.class)
                            .hasMessageStartingWith("cannot change status from " + from.wireName() + " to "
                                    + to.wireName() + " (allowed: ");
                    assertThat(f.service.find(id)).contains(t);
                    assertThat(f.service.events(id)).hasSize(eventsBefore);
                }
            }
        }
        Ticket closed = f.service.update(f.service.create(ticket("c", null, "sm@example.com")).id(),
                TicketUpdate.status(TicketStatus.CLOSED));
        assertThatThrownBy(() -> f.service.update(closed.id(), TicketUpdate.status(TicketStatus.RESOLVED)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("cannot change status from closed to resolved (allowed: open)");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void resolvedAtIsSetOnResolveKeptOnCloseAndClearedOnReopen(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(ticket("resolve me", Priority.HIGH, "r@example.com"));
        f.clock.advance(Duration.ofHours(2));
        Ticket resolved = f.service.update(t.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        assertThat(resolved.resolvedAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        f.clock.advance(Duration.ofHours(1));
        Ticket closed = f.service.update(t.id(), TicketUpdate.status(TicketStatus.CLOSED));
        assertThat(closed.resolvedAt()).isEqualTo(resolved.resolvedAt());
        Ticket reopened = f.service.update(t.id(), TicketUpdate.status(TicketStatus.OPEN));
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(f.service.find(t.id())).contains(reopened);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void noOpUpdateEmitsNothingAndKeepsUpdatedAt(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(new NewTicket("same", "text", Priority.LOW, new Person("n@example.com", "N"),
                "agent"));
        f.clock.advance(Duration.ofMinutes(5));
        int posted = f.eventAdmin.posted.size();

        assertThat(f.service.update(t.id(), new TicketUpdate(" same ", "text", Priority.LOW, TicketStatus.OPEN,
                Optional.of("agent")))).isEqualTo(t);
        assertThat(f.service.update(t.id(), new TicketUpdate(null, null, null, null, null))).isEqualTo(t);
        assertThat(f.service.find(t.id())).contains(t);
        assertThat(f.service.events(t.id())).hasSize(1);
        assertThat(f.eventAdmin.posted).hasSize(posted);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void updateOfSeveralFieldsIsOneEventListingThem(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(ticket("several", Priority.NORMAL, "s@example.com"));
        Ticket u = f.service.update(t.id(), new TicketUpdate("renamed", "new text", null, TicketStatus.RESOLVED,
                Optional.of("agent@hub.test")));
        assertThat(u.subject()).isEqualTo("renamed");
        HubEvent e = last(f, t.id());
        assertThat(e.type()).isEqualTo(EventType.TICKET_RESOLVED);
        assertThat(e.changedFields()).containsExactlyInAnyOrder("subject", "description", "status", "assignee");
        assertThat(HubJson.eventJson(e)).contains("\"changed_fields\":[\"subject\",\"description\",\"status\","
                + "\"assignee\"]");

        Ticket unassigned = f.service.update(t.id(), TicketUpdate.assign(null));
        assertThat(unassigned.assignee()).isNull();
        assertThat(last(f, t.id()).changedFields()).containsExactly("assignee");
        assertThat(f.service.events(t.id())).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void exactEventSequenceOfATicketsLife(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket created = f.service.create(ticket("life", Priority.NORMAL, "life@example.com"));
        f.clock.advance(Duration.ofMinutes(1));
        Comment comment = f.service.addComment(created.id(), new Person("Agent@Hub.test", "Agent"), "On it", false);
        f.clock.advance(Duration.ofMinutes(1));
        Rating rating = f.service.rate(created.id(), 5, "great");
        f.clock.advance(Duration.ofMinutes(1));
        Ticket resolved = f.service.update(created.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        f.clock.advance(Duration.ofMinutes(1));
        Ticket closed = f.service.update(created.id(), TicketUpdate.status(TicketStatus.CLOSED));

        List<HubEvent> events = f.service.events(created.id());
        assertThat(events).extracting(HubEvent::type).containsExactly(EventType.TICKET_CREATED,
                EventType.COMMENT_ADDED, EventType.RATING_RECEIVED, EventType.TICKET_RESOLVED, EventType.TICKET_CLOSED);
        assertThat(events).extracting(HubEvent::ticket).containsExactly(created, created, created, resolved, closed);
        assertThat(events.get(1).comment()).isEqualTo(comment);
        assertThat(comment.author()).isEqualTo(new Person("agent@hub.test", "Agent"));
        assertThat(events.get(2).rating()).isEqualTo(rating);
        assertThat(events).extracting(HubEvent::changedFields)
                .containsExactly(Set.of(), Set.of(), Set.of(), Set.of("status"), Set.of("status"));
        assertThat(events).extracting(HubEvent::occurredAt).containsExactly(NOW, NOW.plusSeconds(60),
                NOW.plusSeconds(120), NOW.plusSeconds(180), NOW.plusSeconds(240));
        assertThat(events).extracting(HubEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(events).extracting(HubEvent::id).isSorted().doesNotHaveDuplicates();

        // what EventAdmin got is exactly what the outbox holds, in the same order, on the right topics
        assertThat(f.eventAdmin.hubEvents()).containsExactlyElementsOf(events);
        assertThat(f.eventAdmin.posted).extracting(p -> p.event().getTopic()).containsExactly(
                "org/integrationhub/ticket/created", "org/integrationhub/comment/added",
                "org/integrationhub/rating/received", "org/integrationhub/ticket/resolved",
                "org/integrationhub/ticket/closed");
        FakeEventAdmin.Posted first = f.eventAdmin.posted.get(0);
        assertThat(first.event().getProperty("event.id")).isEqualTo(events.get(0).id());
        assertThat(first.event().getProperty("event.type")).isEqualTo("ticket.created");
        assertThat(first.event().getProperty("ticket.id")).isEqualTo(created.id());
        assertThat(first.event().getProperty("event.sequence")).isEqualTo(events.get(0).sequence());
        assertThat(f.service.comments(created.id())).containsExactly(comment);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void laterRatingReplacesEarlierAndEachEmitsAnEvent(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(ticket("rated", Priority.LOW, "rate@example.com"));
        f.service.rate(t.id(), 2, null);
        Rating second = f.service.rate(t.id(), 4, "better now");
        int ratings = f.db.inTransaction(c -> new CommentRepository().ratingCount(c, t.id()));
        assertThat(ratings).isEqualTo(1);
        assertThat(f.service.events(t.id())).extracting(HubEvent::type).containsExactly(EventType.TICKET_CREATED,
                EventType.RATING_RECEIVED, EventType.RATING_RECEIVED);
        assertThat(last(f, t.id()).rating()).isEqualTo(second);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void commentsAreListedOldestFirst(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(ticket("chatty", Priority.LOW, "chat@example.com"));
        Comment a = f.service.addComment(t.id(), null, "first", false);
        Comment b = f.service.addComment(t.id(), new Person(null, "Bob"), "second", true);
        f.clock.advance(Duration.ofSeconds(1));
        Comment c = f.service.addComment(t.id(), new Person("c@example.com", null), "third", false);
        assertThat(f.service.comments(t.id())).containsExactly(a, b, c);
        assertThat(a.author()).isEqualTo(new Person(null, null));
        assertThat(b.internal()).isTrue();
    }

    static HubEvent last(Fixture f, String ticketId) {
        List<HubEvent> events = f.service.events(ticketId);
        return events.get(events.size() - 1);
    }
}
