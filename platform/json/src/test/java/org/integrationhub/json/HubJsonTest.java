package org.integrationhub.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Rating;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

class HubJsonTest {

    static final Instant T0 = Instant.parse("2026-11-25T19:23:07.123Z");
    static final Instant T1 = Instant.parse("2026-11-25T20:00:00Z");
    static final Customer CUSTOMER = new Customer("01JDQ0000000000000000000C1", "ada@example.com", "Ada",
            Map.of("salesforce", "003xyz"), T0);
    static final Ticket TICKET = new Ticket("01JDQ0000000000000000000T1", "Printer on fire", "Smoke everywhere",
            Priority.URGENT, TicketStatus.OPEN, null, CUSTOMER, T0, T1, T0.plusSeconds(4 * 3600), null);

    static final String CUSTOMER_JSON = "{\"id\":\"01JDQ0000000000000000000C1\",\"email\":\"ada@example.com\","
            + "\"name\":\"Ada\",\"company\":null,\"phone\":null,\"external_ids\":{\"salesforce\":\"003xyz\"},"
            + "\"attributes\":{},\"created_at\":\"2026-11-25T19:23:07.123Z\","
            + "\"updated_at\":\"2026-11-25T19:23:07.123Z\"}";
    /** The customer of hub 0.1/0.2 outbox rows: no company, phone, attributes or updated_at. */
    static final String CUSTOMER_JSON_0_2 = "{\"id\":\"01JDQ0000000000000000000C1\",\"email\":\"ada@example.com\","
            + "\"name\":\"Ada\",\"external_ids\":{\"salesforce\":\"003xyz\"},\"created_at\":\"2026-11-25T19:23:07.123Z\"}";
    static final String TICKET_JSON = "{\"id\":\"01JDQ0000000000000000000T1\",\"subject\":\"Printer on fire\","
            + "\"description\":\"Smoke everywhere\",\"priority\":\"urgent\",\"status\":\"open\",\"assignee\":null,"
            + "\"customer\":" + CUSTOMER_JSON + ",\"created_at\":\"2026-11-25T19:23:07.123Z\","
            + "\"updated_at\":\"2026-11-25T20:00:00.000Z\",\"sla_due_at\":\"2026-11-25T23:23:07.123Z\","
            + "\"resolved_at\":null}";

    @Test
    void ticketShape() throws Exception {
        assertThat(HubJson.mapper().writeValueAsString(TICKET)).isEqualTo(TICKET_JSON);
        assertThat(HubJson.mapper().readValue(TICKET_JSON, Ticket.class)).isEqualTo(TICKET);
    }

    @Test
    void customerShapeAndTheOlderShapeStillReads() throws Exception {
        Customer full = new Customer("01JDQ0000000000000000000C2", "bo@example.com", "Bo", "Acme", "+1 555 0100",
                Map.of("hubspot", "5101"), Map.of("hubspot.lifecycle_stage", "customer"), T0, T1);
        String json = "{\"id\":\"01JDQ0000000000000000000C2\",\"email\":\"bo@example.com\",\"name\":\"Bo\","
                + "\"company\":\"Acme\",\"phone\":\"+1 555 0100\",\"external_ids\":{\"hubspot\":\"5101\"},"
                + "\"attributes\":{\"hubspot.lifecycle_stage\":\"customer\"},"
                + "\"created_at\":\"2026-11-25T19:23:07.123Z\",\"updated_at\":\"2026-11-25T20:00:00.000Z\"}";
        assertThat(HubJson.mapper().writeValueAsString(full)).isEqualTo(json);
        assertThat(HubJson.mapper().readValue(json, Customer.class)).isEqualTo(full);
        assertThat(HubJson.mapper().readValue(CUSTOMER_JSON_0_2, Customer.class)).isEqualTo(CUSTOMER);
        String oldEvent = "{\"id\":\"01JDQ0000000000000000000E1\",\"type\":\"ticket.created\","
                + "\"timestamp\":\"2026-11-25T20:00:00.000Z\",\"data\":{\"ticket\":"
                + TICKET_JSON.replace(CUSTOMER_JSON, CUSTOMER_JSON_0_2) + "}}";
        assertThat(HubJson.readEvent(oldEvent, 3).ticket()).isEqualTo(TICKET);
    }

    @Test
    void customerUpdatedEventCarriesTheCustomerAndChangedFieldsButNoTicket() {
        Customer changed = new Customer(CUSTOMER.id(), CUSTOMER.email(), "Ada L.", "Acme", null,
                CUSTOMER.externalIds(), Map.of("hubspot.lifecycle_stage", "lead"), T0, T1);
        HubEvent event = new HubEvent("01JDQ0000000000000000000E5", 11, EventType.CUSTOMER_UPDATED, T1, null, null,
                null, Set.of("attributes", "company", "name"), changed);
        String json = HubJson.eventJson(event);
        assertThat(json).isEqualTo("{\"id\":\"01JDQ0000000000000000000E5\",\"type\":\"customer.updated\","
                + "\"timestamp\":\"2026-11-25T20:00:00.000Z\",\"data\":{\"customer\":{\"id\":"
                + "\"01JDQ0000000000000000000C1\",\"email\":\"ada@example.com\",\"name\":\"Ada L.\","
                + "\"company\":\"Acme\",\"phone\":null,\"external_ids\":{\"salesforce\":\"003xyz\"},"
                + "\"attributes\":{\"hubspot.lifecycle_stage\":\"lead\"},\"created_at\":\"2026-11-25T19:23:07.123Z\","
                + "\"updated_at\":\"2026-11-25T20:00:00.000Z\"},\"changed_fields\":[\"name\",\"company\","
                + "\"attributes\"]}}");
        HubEvent read = HubJson.readEvent(json, 11);
        assertThat(read).isEqualTo(event);
        assertThat(read.ticket()).isNull();
        assertThat(read.subjectId()).isEqualTo(CUSTOMER.id());
        assertThatThrownBy(() -> HubJson.readEvent("{\"id\":\"x\",\"type\":\"customer.updated\","
                + "\"timestamp\":\"2026-11-25T20:00:00.000Z\",\"data\":{\"changed_fields\":[]}}", 1))
                .as("a customer event without its customer").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commentAndRatingShapes() throws Exception {
        Comment comment = new Comment("01JDQ0000000000000000000M1", TICKET.id(), new Person("bob@example.com", null),
                "Have you tried water?", true, T1);
        String commentJson = "{\"id\":\"01JDQ0000000000000000000M1\",\"ticket_id\":\"01JDQ0000000000000000000T1\","
                + "\"author\":{\"email\":\"bob@example.com\",\"name\":null},\"body\":\"Have you tried water?\","
                + "\"internal\":true,\"created_at\":\"2026-11-25T20:00:00.000Z\"}";
        assertThat(HubJson.mapper().writeValueAsString(comment)).isEqualTo(commentJson);
        assertThat(HubJson.mapper().readValue(commentJson, Comment.class)).isEqualTo(comment);

        Rating rating = new Rating("01JDQ0000000000000000000R1", TICKET.id(), 5, null, T1);
        String ratingJson = "{\"id\":\"01JDQ0000000000000000000R1\",\"ticket_id\":\"01JDQ0000000000000000000T1\","
                + "\"score\":5,\"comment\":null,\"created_at\":\"2026-11-25T20:00:00.000Z\"}";
        assertThat(HubJson.mapper().writeValueAsString(rating)).isEqualTo(ratingJson);
        assertThat(HubJson.mapper().readValue(ratingJson, Rating.class)).isEqualTo(rating);
    }

    @Test
    void createdEventEnvelope() {
        HubEvent event = new HubEvent("01JDQ0000000000000000000E1", 7, EventType.TICKET_CREATED, T1, TICKET, null,
                null, Set.of());
        String json = HubJson.eventJson(event);
        assertThat(json).isEqualTo("{\"id\":\"01JDQ0000000000000000000E1\",\"type\":\"ticket.created\","
                + "\"timestamp\":\"2026-11-25T20:00:00.000Z\",\"data\":{\"ticket\":" + TICKET_JSON + "}}");
        assertThat(HubJson.readEvent(json, 7)).isEqualTo(event);
    }

    @Test
    void updatedEventCarriesChangedFieldsInCanonicalOrder() {
        HubEvent event = new HubEvent("01JDQ0000000000000000000E2", 8, EventType.TICKET_UPDATED, T1, TICKET, null,
                null, Set.of("assignee", "priority", "subject"));
        String json = HubJson.eventJson(event);
        assertThat(json).isEqualTo("{\"id\":\"01JDQ0000000000000000000E2\",\"type\":\"ticket.updated\","
                + "\"timestamp\":\"2026-11-25T20:00:00.000Z\",\"data\":{\"ticket\":" + TICKET_JSON
                + ",\"changed_fields\":[\"subject\",\"priority\",\"assignee\"]}}");
        assertThat(HubJson.readEvent(json, 8)).isEqualTo(event);
    }

    @Test
    void commentAndRatingEvents() {
        Comment comment = new Comment("01JDQ0000000000000000000M1", TICKET.id(), new Person(null, "Bob"), "Hi",
                false, T1);
        HubEvent added = new HubEvent("01JDQ0000000000000000000E3", 9, EventType.COMMENT_ADDED, T1, TICKET, comment,
                null, Set.of());
        String json = HubJson.eventJson(added);
        assertThat(json).endsWith(",\"data\":{\"ticket\":" + TICKET_JSON + ",\"comment\":{\"id\":"
                + "\"01JDQ0000000000000000000M1\",\"ticket_id\":\"01JDQ0000000000000000000T1\",\"author\":"
                + "{\"email\":null,\"name\":\"Bob\"},\"body\":\"Hi\",\"internal\":false,"
                + "\"created_at\":\"2026-11-25T20:00:00.000Z\"}}}");
        assertThat(HubJson.readEvent(json, 9)).isEqualTo(added);

        Rating rating = new Rating("01JDQ0000000000000000000R1", TICKET.id(), 4, "ok", T1);
        HubEvent rated = new HubEvent("01JDQ0000000000000000000E4", 10, EventType.RATING_RECEIVED, T1, TICKET, null,
                rating, Set.of());
        json = HubJson.eventJson(rated);
        assertThat(json).startsWith("{\"id\":\"01JDQ0000000000000000000E4\",\"type\":\"rating.received\",")
                .endsWith(",\"rating\":{\"id\":\"01JDQ0000000000000000000R1\",\"ticket_id\":"
                        + "\"01JDQ0000000000000000000T1\",\"score\":4,\"comment\":\"ok\","
                        + "\"created_at\":\"2026-11-25T20:00:00.000Z\"}}}");
        assertThat(HubJson.readEvent(json, 10)).isEqualTo(rated);
    }

    @Test
    void enumsUseWireNamesStrictly() throws Exception {
        assertThat(HubJson.mapper().writeValueAsString(EventType.COMMENT_ADDED)).isEqualTo("\"comment.added\"");
        assertThat(HubJson.mapper().readValue("\"high\"", Priority.class)).isEqualTo(Priority.HIGH);
        assertThat(HubJson.mapper().readValue("\"pending\"", TicketStatus.class)).isEqualTo(TicketStatus.PENDING);
        assertThatThrownBy(() -> HubJson.mapper().readValue("\"HIGH\"", Priority.class))
                .isInstanceOf(InvalidFormatException.class).hasMessageContaining("low, normal, high, urgent");
        assertThatThrownBy(() -> HubJson.mapper().readValue("\"TICKET_CREATED\"", EventType.class))
                .isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> HubJson.mapper().readValue("1", Priority.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void readingIsStrict() {
        assertThatThrownBy(() -> HubJson.mapper().readValue(
                "{\"id\":\"x\",\"ticket_id\":\"t\",\"score\":5,\"comment\":null,\"created_at\":null,\"extra\":1}",
                Rating.class)).isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> HubJson.mapper().readValue(
                "{\"id\":\"x\",\"ticket_id\":\"t\",\"score\":\"5\",\"comment\":null,\"created_at\":null}",
                Rating.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> HubJson.mapper().readValue(
                "{\"id\":\"x\",\"ticket_id\":\"t\",\"score\":null,\"comment\":null,\"created_at\":null}",
                Rating.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> HubJson.mapper().readValue("\"open\" \"closed\"", TicketStatus.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> HubJson.readEvent("{\"id\":\"x\"}", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void instantsInTheCanonicalFormAreReadDirectlyAndEveryOtherFormAsBefore() throws Exception {
        for (String text : new String[] {"2026-11-25T19:23:07.123Z", "2026-11-25T19:23:07Z", "1969-12-31T23:59:59.9Z",
                "2024-02-29T00:00:00.000000001Z", "2026-12-31T23:59:59.123456789Z"}) {
            assertThat(HubJson.parseCanonical(text)).as(text).isEqualTo(Instant.parse(text));
            assertThat(HubJson.mapper().readValue("\"" + text + "\"", Instant.class)).isEqualTo(Instant.parse(text));
        }
        for (String text : new String[] {"2026-11-25T19:23:07.123+02:00", "2026-11-25 19:23:07Z", "2026-02-30T00:00:00Z",
                "2026-13-01T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T19:23:07.Z", "2026-11-25T19:23:07.1234567890Z",
                "+2026-11-25T19:23:07Z"}) {
            assertThat(HubJson.parseCanonical(text)).as(text).isNull();
        }
        assertThat(HubJson.mapper().readValue("\"2026-11-25T19:23:07.123+02:00\"", Instant.class))
                .isEqualTo(Instant.parse("2026-11-25T17:23:07.123Z"));
        assertThatThrownBy(() -> HubJson.mapper().readValue("\"2026-02-30T00:00:00Z\"", Instant.class))
                .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class);
    }
}
