package org.integrationhub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.core.internal.Fixture.ticket;

import java.time.Duration;
import java.util.Map;

import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketMetrics;
import org.integrationhub.api.TicketStats;
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

    @ParameterizedTest
    @EnumSource(Kind.class)
    void statsOfAnEmptyHelpdesk(Kind kind) {
        TicketStats s = new Fixture(kind).service.stats();
        assertThat(s.window()).isEqualTo(Duration.ofMinutes(60));
        assertThat(s.total()).isEqualTo(new TicketStats.Figures(0, 0, 0, 0, null));
        assertThat(s.byPriority()).containsOnlyKeys(Priority.values());
        assertThat(s.byPriority().values()).allMatch(x -> x.equals(new TicketStats.Figures(0, 0, 0, 0, null)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void statsInTotalAndPerPriority(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket a = f.service.create(ticket("A", Priority.URGENT, "m@example.com")); // SLA 4 h
        Ticket b = f.service.create(ticket("B", Priority.LOW, "m@example.com")); // 72 h
        Ticket c = f.service.create(ticket("C", Priority.NORMAL, "m@example.com")); // 24 h
        Ticket d = f.service.create(ticket("D", Priority.HIGH, "m@example.com")); // 8 h
        Ticket e = f.service.create(ticket("E", Priority.NORMAL, "m@example.com"));
        Ticket g = f.service.create(ticket("G", Priority.URGENT, "m@example.com"));

        f.clock.advance(Duration.ofHours(2));
        f.service.update(c.id(), TicketUpdate.status(TicketStatus.RESOLVED)); // in time, 2 h: out of the window later
        f.service.update(g.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        f.service.update(g.id(), TicketUpdate.status(TicketStatus.OPEN)); // reopened
        f.clock.advance(Duration.ofHours(3));
        f.service.update(g.id(), TicketUpdate.status(TicketStatus.CLOSED)); // closed unresolved
        f.service.update(d.id(), TicketUpdate.status(TicketStatus.PENDING));
        f.clock.advance(Duration.ofHours(4)); // T0 + 9 h
        f.service.update(a.id(), TicketUpdate.status(TicketStatus.RESOLVED)); // late, 9 h > 4 h
        f.clock.advance(Duration.ofMinutes(30));
        f.service.update(a.id(), TicketUpdate.status(TicketStatus.CLOSED)); // still resolved late
        f.service.update(e.id(), TicketUpdate.status(TicketStatus.RESOLVED)); // in time, 9.5 h < 24 h
        f.clock.advance(Duration.ofMinutes(20)); // now T0 + 9 h 50 min: D (due at 8 h) is overdue

        TicketStats s = f.service.stats();
        // open: B (low) and D (high, pending); overdue: D; breached: D and A; in the window: A (9 h) and E (9.5 h)
        assertThat(s.total()).isEqualTo(new TicketStats.Figures(2, 1, 2, 2, Duration.ofMinutes(555)));
        assertThat(s.byPriority().get(Priority.LOW)).isEqualTo(new TicketStats.Figures(1, 0, 0, 0, null));
        assertThat(s.byPriority().get(Priority.HIGH)).isEqualTo(new TicketStats.Figures(1, 1, 1, 0, null));
        assertThat(s.byPriority().get(Priority.URGENT))
                .isEqualTo(new TicketStats.Figures(0, 0, 1, 1, Duration.ofHours(9)));
        assertThat(s.byPriority().get(Priority.NORMAL))
                .isEqualTo(new TicketStats.Figures(0, 0, 0, 1, Duration.ofMinutes(570)));
        assertThat(s.at()).isEqualTo(f.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        f.clock.advance(Duration.ofMinutes(30)); // A resolved 80 min ago: out of the window; E 50 min ago: in it
        assertThat(f.service.stats().total().averageResolution()).isEqualTo(Duration.ofMinutes(570));
        assertThat(f.service.stats().total().resolvedInWindow()).isEqualTo(1);
        f.service.update(e.id(), TicketUpdate.status(TicketStatus.OPEN)); // reopened: not resolved, not in window
        f.clock.advance(Duration.ofDays(5)); // B and E overdue too now
        TicketStats later = f.service.stats();
        assertThat(later.total()).isEqualTo(new TicketStats.Figures(3, 3, 4, 0, null));
        assertThat(later.total().slaBreached()).isEqualTo(f.service.metrics().slaBreached());
        assertThat(b.status()).isEqualTo(TicketStatus.OPEN);
    }
}
