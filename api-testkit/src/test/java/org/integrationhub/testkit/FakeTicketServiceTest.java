package org.integrationhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.api.Comment;
import org.integrationhub.api.ConflictException;
import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Page;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Rating;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketMetrics;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.junit.jupiter.api.Test;

/**
 * The fake's behaviour, case by case as platform/core's TicketLifecycleTest, TicketValidationTest, TicketListTest,
 * CustomerServiceTest and MetricsTest pin the real service's: the same inputs must give the same answers.
 */
class FakeTicketServiceTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeCustomerService customers = new FakeCustomerService(clock);
    private final FakeTicketService service = new FakeTicketService(customers, clock);

    static NewTicket ticket(String subject, Priority priority, String email) {
        return new NewTicket(subject, null, priority, new Person(email, "Ada"), null);
    }

    static ValidationException invalid(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            return e;
        }
        throw new AssertionError("no ValidationException");
    }

    @Test
    void createsAnOpenTicketWithSlaCustomerAndEvent() {
        Ticket t = service.create(new NewTicket("  Printer on fire ", null, Priority.URGENT,
                new Person(" Ada@Example.COM ", " Ada "), " agent@hub.test "));
        assertThat(Ulids.isValid(t.id())).isTrue();
        assertThat(t.subject()).isEqualTo("Printer on fire");
        assertThat(t.description()).isEmpty();
        assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(t.assignee()).isEqualTo("agent@hub.test");
        assertThat(t.customer().email()).isEqualTo("ada@example.com");
        assertThat(t.customer().name()).isEqualTo("Ada");
        assertThat(t.createdAt()).isEqualTo(NOW).isEqualTo(t.updatedAt());
        assertThat(t.slaDueAt()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(t.resolvedAt()).isNull();
        assertThat(service.find(t.id())).contains(t);
        assertThat(service.events(t.id())).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.TICKET_CREATED);
            assertThat(e.ticket()).isEqualTo(t);
            assertThat(e.occurredAt()).isEqualTo(NOW);
            assertThat(e.changedFields()).isEmpty();
            assertThat(e.sequence()).isEqualTo(1);
        });
        assertThat(service.recordedEvents()).isEqualTo(service.events(t.id()));
        assertThat(service.lastEvent().ticket()).isEqualTo(t);
        assertThat(t.priority()).isEqualTo(Priority.URGENT);
        assertThat(service.create(ticket("default priority", null, "b@example.com")).priority())
                .isEqualTo(Priority.NORMAL);
    }

    @Test
    void slaDueTimesFollowConfiguredHoursAndPriorityChanges() {
        service.withSlaHours(1, 2, 3, 4);
        Map<Priority, Integer> hours = Map.of(Priority.URGENT, 1, Priority.HIGH, 2, Priority.NORMAL, 3, Priority.LOW,
                4);
        hours.forEach((p, h) -> assertThat(service.create(ticket("s", p, "s@example.com")).slaDueAt()).as(p.name())
                .isEqualTo(NOW.plus(Duration.ofHours(h))));
        Ticket normal = service.create(ticket("n", null, "s@example.com"));
        clock.advance(Duration.ofMinutes(30));
        Ticket raised = service.update(normal.id(), new TicketUpdate(null, null, Priority.URGENT, null, null));
        assertThat(raised.slaDueAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(raised.updatedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(service.lastEvent().changedFields()).containsExactly("priority");
        assertThatThrownBy(() -> service.withSlaHours(4, 0, 24, 72)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sla.high.hours must be at least 1, was 0");
    }

    @Test
    void statusMachine() {
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                Ticket t = service.create(ticket(from + " to " + to, Priority.NORMAL, "sm@example.com"));
                if (from != TicketStatus.OPEN) {
                    t = service.update(t.id(), TicketUpdate.status(from));
                }
                int before = service.events(t.id()).size();
                String id = t.id();
                if (to == from) {
                    assertThat(service.update(id, TicketUpdate.status(to))).isEqualTo(t);
                    assertThat(service.events(id)).hasSize(before);
                } else if (from.canTransitionTo(to)) {
                    assertThat(service.update(id, TicketUpdate.status(to)).status()).isEqualTo(to);
                    HubEvent e = service.lastEvent();
                    assertThat(e.type()).isEqualTo(to == TicketStatus.RESOLVED ? EventType.TICKET_RESOLVED
                            : to == TicketStatus.CLOSED ? EventType.TICKET_CLOSED : EventType.TICKET_UPDATED);
                    assertThat(e.changedFields()).containsExactly("status");
                } else {
                    assertThatThrownBy(() -> service.update(id, TicketUpdate.status(to))).as(from + " -> " + to)
                            .isInstanceOf(ConflictException.class).hasMessageStartingWith(
                                    "cannot change status from " + from.wireName() + " to " + to.wireName()
                                            + " (allowed: ");
                    assertThat(service.find(id)).contains(t);
                    assertThat(service.events(id)).hasSize(before);
                }
            }
        }
        Ticket closed = service.update(service.create(ticket("c", null, "sm@example.com")).id(),
                TicketUpdate.status(TicketStatus.CLOSED));
        assertThatThrownBy(() -> service.update(closed.id(), TicketUpdate.status(TicketStatus.RESOLVED)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("cannot change status from closed to resolved (allowed: open)");
    }

    @Test
    void resolvedAtIsSetOnResolveKeptOnCloseAndClearedOnReopen() {
        Ticket t = service.create(ticket("r", null, "r@example.com"));
        clock.advance(Duration.ofHours(2));
        Ticket resolved = service.update(t.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        assertThat(resolved.resolvedAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        Ticket closed = service.update(t.id(), TicketUpdate.status(TicketStatus.CLOSED));
        assertThat(closed.resolvedAt()).isEqualTo(resolved.resolvedAt());
        Ticket reopened = service.update(t.id(), TicketUpdate.status(TicketStatus.OPEN));
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(service.find(t.id())).contains(reopened);
    }

    @Test
    void aNoOpUpdateEmitsNothingAndSeveralFieldsMakeOneEvent() {
        Ticket t = service.create(new NewTicket("same", "text", Priority.LOW, new Person("n@example.com", null),
                null));
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.update(t.id(), new TicketUpdate(" same ", "text", Priority.LOW, TicketStatus.OPEN,
                null))).isEqualTo(t);
        assertThat(service.update(t.id(), null)).isEqualTo(t);
        assertThat(service.events(t.id())).hasSize(1);

        Ticket u = service.update(t.id(), new TicketUpdate("renamed", "new", null, TicketStatus.RESOLVED,
                Optional.of("bob@example.com")));
        assertThat(u.subject()).isEqualTo("renamed");
        assertThat(service.lastEvent().type()).isEqualTo(EventType.TICKET_RESOLVED);
        assertThat(service.lastEvent().changedFields()).containsExactlyInAnyOrder("subject", "description", "status",
                "assignee");
        Ticket unassigned = service.update(t.id(), TicketUpdate.assign(null));
        assertThat(unassigned.assignee()).isNull();
        assertThat(service.lastEvent().changedFields()).containsExactly("assignee");
        assertThat(service.events(t.id())).hasSize(3);
    }

    @Test
    void exactEventSequenceOfATicketsLife() {
        Ticket created = service.create(ticket("life", Priority.NORMAL, "life@example.com"));
        clock.advance(Duration.ofMinutes(1));
        Comment comment = service.addComment(created.id(), new Person("Agent@Hub.test", "Agent"), "On it", false);
        clock.advance(Duration.ofMinutes(1));
        Rating rating = service.rate(created.id(), 5, "great");
        clock.advance(Duration.ofMinutes(1));
        Ticket resolved = service.update(created.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        clock.advance(Duration.ofMinutes(1));
        Ticket closed = service.update(created.id(), TicketUpdate.status(TicketStatus.CLOSED));

        List<HubEvent> events = service.events(created.id());
        assertThat(events).extracting(HubEvent::type).containsExactly(EventType.TICKET_CREATED,
                EventType.COMMENT_ADDED, EventType.RATING_RECEIVED, EventType.TICKET_RESOLVED, EventType.TICKET_CLOSED);
        assertThat(events).extracting(HubEvent::ticket).containsExactly(created, created, created, resolved, closed);
        assertThat(events.get(1).comment()).isEqualTo(comment);
        assertThat(comment.author()).isEqualTo(new Person("agent@hub.test", "Agent"));
        assertThat(events.get(2).rating()).isEqualTo(rating);
        assertThat(events).extracting(HubEvent::changedFields)
                .containsExactly(Set.of(), Set.of(), Set.of(), Set.of("status"), Set.of("status"));
        assertThat(events).extracting(HubEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(events).extracting(HubEvent::id).isSorted().doesNotHaveDuplicates();
        assertThat(service.comments(created.id())).containsExactly(comment);
        Rating second = service.rate(created.id(), 2, null);
        assertThat(service.rating(created.id())).contains(second);

        service.clearRecordedEvents();
        assertThat(service.recordedEvents()).isEmpty();
        assertThat(service.events(created.id())).hasSize(6);
        assertThatThrownBy(service::lastEvent).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void validationReportsEveryBadFieldAndStoresNothing() {
        ValidationException e = invalid(() -> service.create(new NewTicket(" ", "x".repeat(100_001), null,
                new Person("not-an-email", "n".repeat(256)), "a".repeat(321))));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("subject", "description",
                "customer.email", "customer.name", "assignee");
        assertThat(invalid(() -> service.create(new NewTicket("s".repeat(256), null, null, null, null))).errors())
                .extracting(FieldError::field).containsExactly("subject", "customer");
        assertThat(invalid(() -> service.create(new NewTicket("ok", null, null, new Person(null, "x"), null)))
                .errors()).containsExactly(new FieldError("customer.email", "is required"));
        String longEmail = "a".repeat(310) + "@example.com";
        assertThat(invalid(() -> service.create(ticket("ok", null, longEmail))).errors())
                .containsExactly(new FieldError("customer.email", "must be at most 320 characters"));
        for (String bad : new String[] {"a@b", "a b@c.de", "a@@c.de", "@c.de", "a@c..de", "a@c.de."}) {
            assertThat(invalid(() -> service.create(ticket("ok", null, bad))).errors()).as(bad)
                    .containsExactly(new FieldError("customer.email", "must be an e-mail address"));
        }
        assertThat(service.recordedEvents()).isEmpty();
        assertThat(customers.all()).isEmpty();

        Ticket t = service.create(new NewTicket("s".repeat(255), "d".repeat(100_000), Priority.LOW,
                new Person("Max+Tag@Sub.Example.ORG", "n".repeat(255)), "a".repeat(320)));
        assertThat(t.customer().email()).isEqualTo("max+tag@sub.example.org");

        assertThat(invalid(() -> service.update(t.id(), new TicketUpdate(" ", "x".repeat(100_001), null, null,
                Optional.of(" ")))).errors()).extracting(FieldError::field)
                .containsExactly("subject", "description", "assignee");
        assertThat(invalid(() -> service.addComment(t.id(), new Person("bad", "n".repeat(256)), " ", false))
                .errors()).extracting(FieldError::field).containsExactly("body", "author.email", "author.name");
        for (int score : new int[] {0, 6, -1}) {
            assertThat(invalid(() -> service.rate(t.id(), score, null)).errors())
                    .containsExactly(new FieldError("score", "must be between 1 and 5"));
        }
        assertThat(invalid(() -> service.rate(t.id(), 3, "c".repeat(10_001))).errors())
                .extracting(FieldError::field).containsExactly("comment");
        assertThat(invalid(() -> service.update("not-an-id", new TicketUpdate(" ", null, null, null, null)))
                .errors()).as("validation comes before the lookup").extracting(FieldError::field)
                .containsExactly("subject");
        assertThat(service.events(t.id())).hasSize(1);
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        service.create(ticket("exists", Priority.NORMAL, "nf@example.com"));
        String unknown = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
        for (String id : new String[] {unknown, "x' OR '1'='1", "", "01arz3ndektsv4rrffq69g5fav", "x".repeat(10_000)}) {
            assertThat(service.find(id)).isEmpty();
            assertThatThrownBy(() -> service.update(id, TicketUpdate.status(TicketStatus.CLOSED)))
                    .isInstanceOf(NotFoundException.class).hasMessageStartingWith("no ticket with id ");
            assertThatThrownBy(() -> service.addComment(id, null, "hi", false)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> service.rate(id, 5, null)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> service.comments(id)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> service.events(id)).isInstanceOf(NotFoundException.class);
        }
        assertThat(service.find(null)).isEmpty();
        assertThatThrownBy(() -> service.update(unknown, TicketUpdate.status(TicketStatus.CLOSED)))
                .hasMessage("no ticket with id " + unknown);
        assertThatThrownBy(() -> service.comments("y".repeat(100)))
                .hasMessage("no ticket with id " + "y".repeat(40) + "...");
    }

    @Test
    void listsNewestFirstWithCursorsAndFilters() {
        List<Ticket> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(service.create(ticket("t" + i, i % 2 == 0 ? Priority.HIGH : Priority.LOW, "l@example.com")));
        }
        service.update(made.get(4).id(), TicketUpdate.assign("bob"));
        Page<Ticket> first = service.list(new TicketQuery(null, null, null, null, 2));
        assertThat(first.items()).extracting(Ticket::subject).containsExactly("t4", "t3");
        Page<Ticket> second = service.list(new TicketQuery(null, null, null, first.nextCursor(), 2));
        assertThat(second.items()).extracting(Ticket::subject).containsExactly("t2", "t1");
        Page<Ticket> last = service.list(new TicketQuery(null, null, null, second.nextCursor(), 2));
        assertThat(last.items()).extracting(Ticket::subject).containsExactly("t0");
        assertThat(last.nextCursor()).isNull();
        assertThat(service.list(new TicketQuery(null, Priority.HIGH, null, null, 10)).items())
                .extracting(Ticket::subject).containsExactly("t4", "t2", "t0");
        assertThat(service.list(new TicketQuery(TicketStatus.OPEN, null, "bob", null, 10)).items())
                .extracting(Ticket::subject).containsExactly("t4");
        for (int limit : new int[] {0, -1, 201}) {
            assertThat(invalid(() -> service.list(new TicketQuery(null, null, null, null, limit))).errors())
                    .containsExactly(new FieldError("limit", "must be between 1 and 200"));
        }
        String notAnId = java.util.Base64.getUrlEncoder().encodeToString("not-an-id".getBytes());
        for (String cursor : new String[] {"!!!", "", notAnId, "x".repeat(1000), "01ARZ3NDEKTSV4RRFFQ69G5FAV"}) {
            assertThat(invalid(() -> service.list(new TicketQuery(null, null, null, cursor, 10))).errors())
                    .as(cursor).extracting(FieldError::field).containsExactly("cursor");
        }
        assertThat(HelpdeskRules.decodeCursor(HelpdeskRules.encodeCursor(unknownId()))).isEqualTo(unknownId());
    }

    private static String unknownId() {
        return "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    }

    @Test
    void ticketsOfOneEmailShareOneCustomerWhoseChangesShowOnTheirTickets() {
        Ticket a = service.create(new NewTicket("a", null, null, new Person("Ada@Example.com", null), null));
        Ticket b = service.create(new NewTicket("b", null, null, new Person("ada@example.COM", "Ada L."), null));
        Ticket c = service.create(new NewTicket("c", null, null, new Person("ada@example.com", "Someone"), null));
        assertThat(b.customer().id()).isEqualTo(a.customer().id()).isEqualTo(c.customer().id());
        assertThat(a.customer().name()).isEmpty();
        assertThat(b.customer().name()).as("an empty name is filled in").isEqualTo("Ada L.");
        assertThat(c.customer().name()).as("a known name is not overwritten").isEqualTo("Ada L.");
        assertThat(customers.all()).hasSize(1);
        assertThat(service.find(a.id()).orElseThrow().customer().name()).isEqualTo("Ada L.");
        assertThat(service.customers()).isSameAs(customers);

        Customer linked = customers.linkExternalId(a.customer().id(), " salesforce ", " 003B ");
        assertThat(linked.externalIds()).isEqualTo(Map.of("salesforce", "003B"));
        assertThat(service.find(a.id()).orElseThrow().customer()).isEqualTo(linked);
        assertThat(service.list(new TicketQuery(null, null, null, null, 10)).items().get(0).customer()
                .externalIds()).containsEntry("salesforce", "003B");
        assertThat(service.events(a.id()).get(0).ticket().customer().externalIds())
                .as("events keep the ticket as it was").isEmpty();
    }

    @Test
    void metricsAsTheCoreComputesThem() {
        TicketMetrics empty = service.metrics();
        assertThat(empty.countsByStatus()).containsOnlyKeys(TicketStatus.values()).allSatisfy((s, n) -> assertThat(n)
                .isZero());
        assertThat(empty.averageResolutionTime()).isNull();

        Ticket a = service.create(ticket("A", Priority.URGENT, "m@example.com")); // SLA 4 h
        service.create(ticket("B", Priority.LOW, "m@example.com")); // 72 h
        Ticket c = service.create(ticket("C", Priority.NORMAL, "m@example.com")); // 24 h
        Ticket d = service.create(ticket("D", Priority.HIGH, "m@example.com")); // 8 h
        service.create(ticket("E", Priority.NORMAL, "m@example.com"));
        Ticket g = service.create(ticket("G", Priority.URGENT, "m@example.com"));
        clock.advance(Duration.ofHours(2));
        service.update(c.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        service.update(g.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        service.update(g.id(), TicketUpdate.status(TicketStatus.OPEN));
        service.update(g.id(), TicketUpdate.status(TicketStatus.CLOSED));
        clock.advance(Duration.ofHours(3));
        service.update(a.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        service.update(a.id(), TicketUpdate.status(TicketStatus.CLOSED));
        clock.advance(Duration.ofHours(1));
        service.update(d.id(), TicketUpdate.status(TicketStatus.PENDING));
        clock.advance(Duration.ofHours(4));

        TicketMetrics m = service.metrics();
        assertThat(m.countsByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(TicketStatus.OPEN, 2L,
                TicketStatus.PENDING, 1L, TicketStatus.RESOLVED, 1L, TicketStatus.CLOSED, 2L));
        assertThat(m.overdue()).isEqualTo(1);
        assertThat(m.slaBreached()).isEqualTo(2);
        assertThat(m.averageResolutionTime()).isEqualTo(Duration.ofMinutes(210));
        clock.advance(Duration.ofDays(5));
        assertThat(service.metrics().overdue()).isEqualTo(3);
        assertThat(service.metrics().slaBreached()).isEqualTo(4);
    }

    @Test
    void statsAsTheCoreComputesThem() {
        org.integrationhub.api.TicketStats empty = service.stats();
        assertThat(empty.window()).isEqualTo(Duration.ofMinutes(60));
        assertThat(empty.byPriority()).containsOnlyKeys(Priority.values());
        assertThat(empty.total().averageResolution()).isNull();

        Ticket a = service.create(ticket("A", Priority.URGENT, "m@example.com")); // SLA 4 h
        service.create(ticket("B", Priority.URGENT, "m@example.com"));
        service.create(ticket("C", Priority.LOW, "m@example.com")); // 72 h
        clock.advance(Duration.ofHours(5)); // A and B overdue
        service.update(a.id(), TicketUpdate.status(TicketStatus.RESOLVED)); // late, in the window
        clock.advance(Duration.ofMinutes(30));
        org.integrationhub.api.TicketStats s = service.stats();
        assertThat(s.total().open()).isEqualTo(2);
        assertThat(s.total().overdue()).isEqualTo(1);
        assertThat(s.total().slaBreached()).isEqualTo(2);
        assertThat(s.total().resolvedInWindow()).isEqualTo(1);
        assertThat(s.total().averageResolution()).isEqualTo(Duration.ofHours(5));
        assertThat(s.byPriority().get(Priority.URGENT).slaBreached()).isEqualTo(2);
        assertThat(s.byPriority().get(Priority.LOW).open()).isEqualTo(1);
        assertThat(s.byPriority().get(Priority.LOW).averageResolution()).isNull();
        clock.advance(Duration.ofMinutes(31)); // A's resolution leaves the window; it stays breached
        assertThat(service.stats().total().resolvedInWindow()).isZero();
        assertThat(service.stats().total().averageResolution()).isNull();
        assertThat(service.stats().total().slaBreached()).isEqualTo(2);
    }

    @Test
    void putArrangesATicketInAnyStateWithoutAnEvent() {
        Customer ann = new Customer("C1", "Ann@Example.com", "Ann", Map.of(), NOW);
        Ticket closed = new Ticket("01JCZ5N4G8Q4N3W7X2Y5Z8A1BC", "Old", "", Priority.HIGH, TicketStatus.CLOSED,
                "bob", ann, NOW, NOW, NOW, NOW);
        assertThat(service.put(closed)).isEqualTo(closed);
        assertThat(service.find(closed.id())).contains(closed);
        assertThat(service.recordedEvents()).isEmpty();
        assertThat(customers.findByEmail("ann@example.com")).contains(ann);
        assertThat(service.update(closed.id(), TicketUpdate.status(TicketStatus.OPEN)).status())
                .isEqualTo(TicketStatus.OPEN);
        assertThatThrownBy(() -> service.put(new Ticket("T1", "x", "", Priority.LOW, TicketStatus.OPEN, null, ann,
                NOW, NOW, NOW, null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ULID");
    }
}
