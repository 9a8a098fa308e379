package org.integrationhub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.core.internal.Fixture.ticket;

import java.time.Duration;
import java.util.Map;

import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketMetrics;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MetricsTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void emptyHelpdesk(Kind kind) {
        TicketMetrics m = new Fixture(kind).service.metrics();
        assertThat(m.countsByStatus()).isEqualTo(Map.of(TicketStatus.OPEN, 0L, TicketStatus.PENDING, 0L,
                TicketStatus.RESOLVED, 0L, TicketStatus.CLOSED, 0L));
        assertThat(m.overdue()).isZero();
        assertThat(m.slaBreached()).isZero();
        assertThat(m.averageResolutionTime()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void figures(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket a = f.service.create(ticket("A", Priority.URGENT, "m@example.com")); // SLA 4 h
        Ticket b = f.service.create(ticket("B", Priority.LOW, "m@example.com")); // 72 h
        Ticket c = f.service.create(ticket("C", Priority.NORMAL, "m@example.com")); // 24 h
        Ticket d = f.service.create(ticket("D", Priority.HIGH, "m@example.com")); // 8 h
        f.service.create(ticket("E", Priority.NORMAL, "m@example.com"));
        Ticket g = f.service.create(ticket("G", Priority.URGENT, "m@example.com"));

        f.clock.advance(Duration.ofHours(2));
        f.service.update(c.id(), TicketUpdate.status(TicketStatus.RESOLVED)); // in time, 2 h
        f.service.update(g.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        f.service.update(g.id(), TicketUpdate.status(TicketStatus.OPEN)); // reopened: no longer resolved
        f.service.update(g.id(), TicketUpdate.status(TicketStatus.CLOSED)); // closed unresolved: not breached
        f.clock.advance(Duration.ofHours(3));
        f.service.update(a.id(), TicketUpdate.status(TicketStatus.RESOLVED)); // late, 5 h > 4 h
        f.service.update(a.id(), TicketUpdate.status(TicketStatus.CLOSED));
        f.clock.advance(Duration.ofHours(1));
        f.service.update(d.id(), TicketUpdate.status(TicketStatus.PENDING));
        f.clock.advance(Duration.ofHours(4)); // now T0 + 10 h: D (due at 8 h) is overdue, B and E are not

        TicketMetrics m = f.service.metrics();
        assertThat(m.countsByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(TicketStatus.OPEN, 2L,
                TicketStatus.PENDING, 1L, TicketStatus.RESOLVED, 1L, TicketStatus.CLOSED, 2L));
        assertThat(m.overdue()).isEqualTo(1);
        assertThat(m.slaBreached()).isEqualTo(2);
        assertThat(m.averageResolutionTime()).isEqualTo(Duration.ofMinutes(210)); // (2 h + 5 h) / 2
        assertThat(b.status()).isEqualTo(TicketStatus.OPEN);

        f.clock.advance(Duration.ofDays(5)); // everything active is overdue now
        assertThat(f.service.metrics().overdue()).isEqualTo(3);
        assertThat(f.service.metrics().slaBreached()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void averageKeepsMilliseconds(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(ticket("ms", Priority.LOW, "ms@example.com"));
        f.clock.advance(Duration.ofMillis(1_501));
        f.service.update(t.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        assertThat(f.service.metrics().averageResolutionTime()).isEqualTo(Duration.ofMillis(1_501));
    }
}
