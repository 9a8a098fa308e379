package org.integrationhub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.core.internal.Fixture.ticket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Page;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TicketListTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void pagesNewestFirstWithCursors(Kind kind) {
        Fixture f = new Fixture(kind);
        List<Ticket> created = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            created.add(f.service.create(ticket("ticket " + i, Priority.NORMAL, "list@example.com")));
            f.clock.advance(Duration.ofSeconds(1));
        }
        Page<Ticket> p1 = f.service.list(new TicketQuery(null, null, null, null, 3));
        assertThat(p1.items()).extracting(Ticket::subject).containsExactly("ticket 7", "ticket 6", "ticket 5");
        assertThat(p1.nextCursor()).isNotNull();
        Page<Ticket> p2 = f.service.list(new TicketQuery(null, null, null, p1.nextCursor(), 3));
        assertThat(p2.items()).extracting(Ticket::subject).containsExactly("ticket 4", "ticket 3", "ticket 2");
        Page<Ticket> p3 = f.service.list(new TicketQuery(null, null, null, p2.nextCursor(), 3));
        assertThat(p3.items()).extracting(Ticket::subject).containsExactly("ticket 1");
        assertThat(p3.nextCursor()).isNull();
        assertThat(p1.items().get(0)).isEqualTo(created.get(6));

        // an exactly full last page has no next cursor
        Page<Ticket> all = f.service.list(new TicketQuery(null, null, null, null, 7));
        assertThat(all.items()).hasSize(7);
        assertThat(all.nextCursor()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sameMillisecondStillPagesInCreationOrder(Kind kind) {
        Fixture f = new Fixture(kind);
        for (int i = 1; i <= 5; i++) {
            f.service.create(ticket("burst " + i, Priority.LOW, "burst@example.com"));
        }
        List<String> subjects = new ArrayList<>();
        String cursor = null;
        do {
            Page<Ticket> page = f.service.list(new TicketQuery(null, null, null, cursor, 2));
            page.items().forEach(t -> subjects.add(t.subject()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(subjects).containsExactly("burst 5", "burst 4", "burst 3", "burst 2", "burst 1");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void filtersCombineWithPaging(Kind kind) {
        Fixture f = new Fixture(kind);
        for (int i = 1; i <= 7; i++) {
            Priority p = i % 2 == 0 ? Priority.HIGH : Priority.LOW;
            String assignee = i <= 4 ? "alice" : "bob";
            Ticket t = f.service.create(new NewTicket("t" + i, null, p, new Person("filter@example.com", null),
                    assignee));
            if (i % 3 == 0) {
                f.service.update(t.id(), TicketUpdate.status(TicketStatus.PENDING));
            }
        }
        assertThat(subjects(f, new TicketQuery(null, Priority.HIGH, null, null, 50))).containsExactly("t6", "t4", "t2");
        assertThat(subjects(f, new TicketQuery(TicketStatus.PENDING, null, null, null, 50))).containsExactly("t6", "t3");
        assertThat(subjects(f, new TicketQuery(null, null, "alice", null, 50)))
                .containsExactly("t4", "t3", "t2", "t1");
        assertThat(subjects(f, new TicketQuery(TicketStatus.OPEN, Priority.LOW, "bob", null, 50)))
                .containsExactly("t7", "t5");
        assertThat(subjects(f, new TicketQuery(TicketStatus.CLOSED, null, null, null, 50))).isEmpty();

        Page<Ticket> first = f.service.list(new TicketQuery(TicketStatus.OPEN, null, null, null, 2));
        assertThat(first.items()).extracting(Ticket::subject).containsExactly("t7", "t5");
        Page<Ticket> second = f.service.list(new TicketQuery(TicketStatus.OPEN, null, null, first.nextCursor(), 2));
        assertThat(second.items()).extracting(Ticket::subject).containsExactly("t4", "t2");
        Page<Ticket> third = f.service.list(new TicketQuery(TicketStatus.OPEN, null, null, second.nextCursor(), 2));
        assertThat(third.items()).extracting(Ticket::subject).containsExactly("t1");
        assertThat(third.nextCursor()).isNull();
    }

    private static List<String> subjects(Fixture f, TicketQuery q) {
        return f.service.list(q).items().stream().map(Ticket::subject).toList();
    }
}
