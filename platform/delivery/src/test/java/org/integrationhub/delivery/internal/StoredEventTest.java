package org.integrationhub.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integrationhub.delivery.internal.EngineFixture.await;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.SubscriptionSource;
import org.integrationhub.delivery.internal.shared.Ids;
import org.integrationhub.persistence.Jdbc;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The relay reads an event's type and ticket from the outbox's columns and parses the stored payload only for a
 * source or a transport that asks for the whole event.
 */
class StoredEventTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AutoClose
    private EngineFixture fx;
    @AutoClose("shutdown")
    private final FakeTransport transport = new FakeTransport();

    /** A source that decides by type alone: the whole event is never asked for. */
    private static final class ByType implements SubscriptionSource {
        @Override
        public List<String> subscribersFor(HubEvent event) {
            throw new AssertionError("the relay parsed the event for a source that decides by type");
        }

        @Override
        public List<String> subscribersForType(EventType type) {
            return type == EventType.TICKET_UPDATED ? List.of("s1") : List.of();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSourceThatDecidesByTypeGetsThePayloadAsStoredWithoutTheEventBeingParsed(Kind kind) {
        fx = new EngineFixture(kind);
        String stored = "{\"type\":\"ticket.updated\",\"written by\":\"a future version this one cannot read\"}";
        fx.db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_event (id, type, ticket_id,"
                    + " occurred_at, payload) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, Ids.next());
                ps.setString(2, EventType.TICKET_UPDATED.wireName());
                ps.setString(3, "T1");
                Jdbc.setInstant(ps, 4, Instant.now());
                ps.setString(5, stored);
                return ps.executeUpdate();
            }
        });
        HubEvent ordinary = fx.append("T1", EventType.TICKET_UPDATED);
        fx.append("T1", EventType.COMMENT_ADDED); // nobody wants it
        fx.engine(EngineFixture.settings("n1"), transport, new ByType());

        await("both delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 2);

        assertThat(transport.calls).hasSize(2);
        DeliveryRequest first = transport.calls.get(0).request();
        assertThat(first.payload()).isEqualTo(stored);
        assertThat(first.eventType()).isEqualTo(EventType.TICKET_UPDATED);
        assertThat(first.ticketId()).isEqualTo("T1");
        assertThatThrownBy(first::event).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed event JSON");
        DeliveryRequest second = transport.calls.get(1).request();
        assertThat(second.event().id()).isEqualTo(ordinary.id());
        assertThat(second.event().sequence()).isEqualTo(second.sequence()).isGreaterThan(first.sequence());
        assertThat(second.event().ticket().priority()).isEqualTo(Priority.NORMAL);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSourceThatNeedsTheWholeEventGetsItParsed(Kind kind) {
        fx = new EngineFixture(kind);
        HubEvent urgent = fx.append("T1", EventType.TICKET_UPDATED);
        fx.append("T2", EventType.TICKET_UPDATED);
        fx.engine(EngineFixture.settings("n1"), transport,
                e -> e.ticketId().equals("T1") && e.ticket().priority() == Priority.NORMAL ? List.of("s1") : List.of());

        await("delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 1);

        assertThat(transport.calls).singleElement().satisfies(c -> assertThat(c.request().event()).isEqualTo(
                new HubEvent(urgent.id(), c.request().sequence(), urgent.type(), urgent.occurredAt(), urgent.ticket(),
                        null, null, urgent.changedFields())));
    }
}
