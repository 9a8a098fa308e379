package org.integrationhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TicketStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "OPEN, PENDING, true", "OPEN, RESOLVED, true", "OPEN, CLOSED, true", "OPEN, OPEN, false",
        "PENDING, OPEN, true", "PENDING, RESOLVED, true", "PENDING, CLOSED, true",
        "RESOLVED, OPEN, true", "RESOLVED, CLOSED, true", "RESOLVED, PENDING, false",
        "CLOSED, OPEN, true", "CLOSED, PENDING, false", "CLOSED, RESOLVED, false", "CLOSED, CLOSED, false"})
    void transitions(TicketStatus from, TicketStatus to, boolean allowed) {
        assertThat(from.canTransitionTo(to)).isEqualTo(allowed);
    }

    @Test
    void wireNamesRoundTrip() {
        for (TicketStatus s : TicketStatus.values()) {
            assertThat(TicketStatus.fromWireName(s.wireName())).isEqualTo(s);
        }
        for (Priority p : Priority.values()) {
            assertThat(Priority.fromWireName(p.wireName())).isEqualTo(p);
        }
        assertThat(Priority.URGENT.label()).isEqualTo("Urgent");
        assertThatThrownBy(() -> Priority.fromWireName("critical")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketStatus.fromWireName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventTopics() {
        assertThat(EventType.COMMENT_ADDED.topic()).isEqualTo("org/integrationhub/comment/added");
        assertThat(EventType.fromWireName("ticket.closed")).isEqualTo(EventType.TICKET_CLOSED);
    }
}
