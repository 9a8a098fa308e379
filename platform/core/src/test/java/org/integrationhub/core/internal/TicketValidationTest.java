package org.integrationhub.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integrationhub.core.internal.Fixture.ticket;

import java.util.Optional;

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TicketValidationTest {

    static ValidationException invalid(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            return e;
        }
        throw new AssertionError("no ValidationException");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void createReportsEveryBadFieldAndStoresNothing(Kind kind) {
        Fixture f = new Fixture(kind);
        ValidationException e = invalid(() -> f.service.create(new NewTicket(" ", "x".repeat(100_001), null,
                new Person("not-an-email", "n".repeat(256)), "a".repeat(321))));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("subject", "description",
                "customer.email", "customer.name", "assignee");

        assertThat(invalid(() -> f.service.create(new NewTicket("s".repeat(256), null, null, null, null))).errors())
                .extracting(FieldError::field).containsExactly("subject", "customer");
        assertThat(invalid(() -> f.service.create(new NewTicket("ok", null, null, new Person(null, "x"), null)))
                .errors()).containsExactly(new FieldError("customer.email", "is required"));
        String longEmail = "a".repeat(310) + "@example.com";
        assertThat(invalid(() -> f.service.create(new NewTicket("ok", null, null, new Person(longEmail, "L"), null)))
                .errors())
                .extracting(FieldError::field).containsExactly("customer.email");
        for (String bad : new String[] {"a@b", "a b@c.de", "a@@c.de", "@c.de", "a@c..de", "a@c.de."}) {
            assertThat(invalid(() -> f.service.create(ticket("ok", null, bad))).errors()).as(bad)
                    .extracting(FieldError::field).containsExactly("customer.email");
        }
        assertThat(f.count("ticket")).isZero();
        assertThat(f.count("customer")).isZero();
        assertThat(f.count("outbox_event")).isZero();
        assertThat(f.eventAdmin.posted).isEmpty();

        // the limits themselves are fine
        Ticket t = f.service.create(new NewTicket("s".repeat(255), "d".repeat(100_000), Priority.LOW,
                new Person("Max+Tag@Sub.Example.ORG", "n".repeat(255)), "a".repeat(320)));
        assertThat(t.customer().email()).isEqualTo("max+tag@sub.example.org");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void updateCommentAndRatingValidation(Kind kind) {
        Fixture f = new Fixture(kind);
        Ticket t = f.service.create(ticket("valid", Priority.NORMAL, "v@example.com"));
        assertThat(invalid(() -> f.service.update(t.id(), new TicketUpdate(" ", "x".repeat(100_001), null, null,
                Optional.of(" ")))).errors()).extracting(FieldError::field)
                .containsExactly("subject", "description", "assignee");
        assertThat(invalid(() -> f.service.addComment(t.id(), new Person("bad", "n".repeat(256)), " ", false))
                .errors()).extracting(FieldError::field).containsExactly("body", "author.email", "author.name");
        assertThat(invalid(() -> f.service.addComment(t.id(), null, "b".repeat(100_001), false)).errors())
                .extracting(FieldError::field).containsExactly("body");
        for (int score : new int[] {0, 6, -1}) {
            assertThat(invalid(() -> f.service.rate(t.id(), score, null)).errors())
                    .containsExactly(new FieldError("score", "must be between 1 and 5"));
        }
        assertThat(invalid(() -> f.service.rate(t.id(), 3, "c".repeat(10_001))).errors())
                .extracting(FieldError::field).containsExactly("comment");
        assertThat(f.service.events(t.id())).hasSize(1);
        assertThat(f.service.find(t.id())).contains(t);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void unknownAndMalformedIdsAreNotFound(Kind kind) {
        Fixture f = new Fixture(kind);
        f.service.create(ticket("exists", Priority.NORMAL, "nf@example.com"));
        String unknown = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
        String hostile = "x' OR '1'='1";
        for (String id : new String[] {unknown, hostile, "", "01arz3ndektsv4rrffq69g5fav", "x".repeat(10_000)}) {
            assertThat(f.service.find(id)).isEmpty();
            assertThatThrownBy(() -> f.service.update(id, TicketUpdate.status(TicketStatus.CLOSED)))
                    .isInstanceOf(NotFoundException.class).hasMessageStartingWith("no ticket with id ");
            assertThatThrownBy(() -> f.service.addComment(id, null, "hi", false)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> f.service.rate(id, 5, null)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> f.service.comments(id)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> f.service.events(id)).isInstanceOf(NotFoundException.class);
        }
        assertThat(f.service.find(null)).isEmpty();
        assertThatThrownBy(() -> f.service.update(unknown, TicketUpdate.status(TicketStatus.CLOSED)))
                .hasMessage("no ticket with id " + unknown);
        assertThat(f.count("ticket")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void listRejectsBadLimitAndCursor(Kind kind) {
        Fixture f = new Fixture(kind);
        for (int limit : new int[] {0, -1, 201}) {
            assertThat(invalid(() -> f.service.list(new TicketQuery(null, null, null, null, limit))).errors())
                    .extracting(FieldError::field).containsExactly("limit");
        }
        String notAnId = java.util.Base64.getUrlEncoder().encodeToString("not-an-id".getBytes());
        for (String cursor : new String[] {"!!!", "", notAnId, "x".repeat(1000), "01ARZ3NDEKTSV4RRFFQ69G5FAV"}) {
            assertThat(invalid(() -> f.service.list(new TicketQuery(null, null, null, cursor, 10))).errors())
                    .as(cursor).extracting(FieldError::field).containsExactly("cursor");
        }
        assertThat(f.service.list(new TicketQuery(null, null, null, null, 200)).items()).isEmpty();
    }

    @Test
    void cursorRoundTrip() {
        String id = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
        String cursor = CursorCodec.encode(id);
        assertThat(cursor).doesNotContain("=", "+", "/");
        assertThat(CursorCodec.decode(cursor)).isEqualTo(id);
    }
}
