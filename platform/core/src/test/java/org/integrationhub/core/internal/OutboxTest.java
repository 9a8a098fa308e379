package org.integrationhub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integrationhub.core.internal.Fixture.ticket;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.json.HubJson;
import org.integrationhub.persistence.DataAccessException;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutboxTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aChangeWhoseEventCannotBeWrittenIsRolledBack(Kind kind) {
        Fixture f = new Fixture(kind);
        TicketServiceImpl failing = f.newService(new FailingOutboxDatabase(f.db), TestConfig.defaults());

        assertThatThrownBy(() -> failing.create(ticket("lost", Priority.URGENT, "new@example.com")))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("simulated outbox failure");
        assertThat(f.count("ticket")).isZero();
        assertThat(f.count("customer")).as("the customer upsert is rolled back too").isZero();

        Ticket t = f.service.create(ticket("kept", Priority.NORMAL, "old@example.com"));
        f.eventAdmin.posted.clear();
        assertThatThrownBy(() -> failing.update(t.id(), TicketUpdate.status(TicketStatus.RESOLVED)))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> failing.addComment(t.id(), new Person(null, "x"), "lost", false))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> failing.rate(t.id(), 1, null)).isInstanceOf(DataAccessException.class);

        assertThat(f.service.find(t.id())).contains(t);
        assertThat(f.count("ticket_comment")).isZero();
        assertThat(f.count("ticket_rating")).isZero();
        assertThat(f.service.events(t.id())).hasSize(1);
        assertThat(f.eventAdmin.posted).as("no event without its change").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eventAdminSeesEventsOnlyAfterCommit(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(ticket("watched", Priority.HIGH, "w@example.com"));
        f.service.addComment(t.id(), null, "hello", true);
        f.service.rate(t.id(), 3, null);
        f.service.update(t.id(), TicketUpdate.status(TicketStatus.CLOSED));

        assertThat(f.eventAdmin.posted).hasSize(4).allSatisfy(p -> assertThat(p.committed())
                .as("outbox row of %s visible to other transactions when posted", p.event().getTopic()).isTrue());
        assertThat(f.eventAdmin.sent).as("never synchronous sendEvent").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void changesWorkWithoutEventAdminAndOutboxHoldsTheCanonicalJson(Kind kind) {
        Fixture f = new Fixture(kind);
        f.service.eventAdmin = null;
        Ticket t = f.service.create(ticket("quiet", Priority.LOW, "q@example.com"));
        assertThat(f.eventAdmin.posted).isEmpty();
        HubEvent e = f.service.events(t.id()).get(0);
        String payload = f.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT payload, type, ticket_id FROM outbox_event WHERE id = ?")) {
                ps.setString(1, e.id());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString("type")).isEqualTo("ticket.created");
                    assertThat(rs.getString("ticket_id")).isEqualTo(t.id());
                    return rs.getString("payload");
                }
            }
        });
        assertThat(payload).isEqualTo(HubJson.eventJson(e));
        assertThat(payload).startsWith("{\"id\":\"" + e.id() + "\",\"type\":\"ticket.created\",\"timestamp\":\"");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailingEventAdminDoesNotUndoTheCommittedChange(Kind kind) {
        Fixture f = new Fixture(kind);
        f.service.eventAdmin = new FakeEventAdmin(f.dataSource) {
            @Override
            public void postEvent(org.osgi.service.event.Event event) {
                throw new IllegalStateException("EventAdmin stopped");
            }
        };
        Ticket t = f.service.create(ticket("robust", Priority.LOW, "r@example.com"));
        assertThat(f.service.find(t.id())).contains(t);
        assertThat(f.service.events(t.id())).hasSize(1);
    }
}
