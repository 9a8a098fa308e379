package org.integrationhub.connector.teams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.integrationhub.api.Customer;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Every card the connector can make is a valid Adaptive Card 1.5 with the contents CONTRACT.md fixes. */
class TicketCardTest {

    static final String URL = "https://helpdesk.example.com/tickets/01JCARD0000000000000000000";

    static Ticket ticket(Priority priority, TicketStatus status, String assignee) {
        Instant created = Instant.parse("2026-12-05T09:00:00Z");
        return new Ticket("01JCARD0000000000000000000", "Printer on fire \"3rd\" floor <b>now</b>", "Smoke",
                priority, status, assignee, new Customer("01JCUST0000000000000000000", "ann@example.com", "Ann Smith",
                        Map.of(), created), created, created, Instant.parse("2026-12-05T13:00:00Z"), null);
    }

    /** Every priority × status × assignee × mode. */
    static Stream<Arguments> variants() {
        List<Arguments> all = new ArrayList<>();
        for (Priority p : Priority.values()) {
            for (TicketStatus s : TicketStatus.values()) {
                for (String assignee : new String[] {null, "bob@example.com"}) {
                    for (boolean buttons : new boolean[] {false, true}) {
                        all.add(Arguments.of(p, s, assignee, buttons));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} assignee={2} buttons={3}")
    @MethodSource("variants")
    void everyTicketCardIsValidAdaptiveCard15(Priority priority, TicketStatus status, String assignee,
            boolean buttons) {
        ObjectNode card = TicketCard.ticket(ticket(priority, status, assignee), "Updated: status", URL, buttons);
        CardSchema.assertCardMessage(TicketCard.message(card));
        assertThat(card.path("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
    }

    @Test
    void cardCarriesTheContractsContents() {
        ObjectNode card = TicketCard.ticket(ticket(Priority.URGENT, TicketStatus.OPEN, null), "New ticket", URL,
                false);
        JsonNode band = card.path("body").get(0);
        assertThat(band.path("type").asText()).isEqualTo("Container");
        assertThat(band.path("style").asText()).isEqualTo("attention");
        JsonNode subject = band.path("items").get(0);
        assertThat(subject.path("type").asText()).isEqualTo("TextBlock");
        assertThat(subject.path("text").asText()).isEqualTo("Printer on fire \"3rd\" floor <b>now</b>");
        assertThat(subject.path("size").asText()).isEqualTo("Large");
        assertThat(subject.path("weight").asText()).isEqualTo("Bolder");
        assertThat(band.path("items").get(1).path("color").asText()).isEqualTo("attention");
        assertThat(band.path("items").get(2).path("text").asText()).isEqualTo("New ticket");
        JsonNode facts = card.path("body").get(1);
        assertThat(facts.path("type").asText()).isEqualTo("FactSet");
        assertThat(facts.path("facts").findValuesAsText("title")).containsExactly("Ticket ID", "Priority",
                "Customer", "Status", "Assignee", "SLA due");
        assertThat(facts.path("facts").findValuesAsText("value")).containsExactly("01JCARD0000000000000000000",
                "Urgent", "Ann Smith", "Open", "Unassigned", "2026-12-05 13:00 UTC");
        assertThat(card.path("actions")).hasSize(1);
        JsonNode open = card.path("actions").get(0);
        assertThat(open.path("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(open.path("title").asText()).isEqualTo("Open in Helpdesk");
        assertThat(open.path("url").asText()).isEqualTo(URL);
    }

    @Test
    void priorityIsShownAsAColouredBand() {
        assertThat(Stream.of(Priority.values()).map(TicketCard::style))
                .containsExactly("emphasis", "accent", "warning", "attention");
        assertThat(Stream.of(Priority.values()).map(TicketCard::color))
                .containsExactly("default", "accent", "warning", "attention");
        assertThat(TicketCard.ticket(ticket(Priority.LOW, TicketStatus.OPEN, null), null, URL, false)
                .path("body").get(0).path("items")).as("no headline line without a headline").hasSize(2);
    }

    @Test
    void botButtonsFollowTheStatusMachine() {
        JsonNode open = TicketCard.ticket(ticket(Priority.HIGH, TicketStatus.OPEN, null), null, URL, true)
                .path("actions");
        assertThat(titles(open)).containsExactly("Open in Helpdesk", "Assign to me", "Change status", "Close");
        assertThat(open.get(1).path("type").asText()).isEqualTo("Action.Execute");
        assertThat(open.get(1).path("verb").asText()).isEqualTo("assign_to_me");
        assertThat(open.get(1).path("data").path("ticketId").asText()).isEqualTo("01JCARD0000000000000000000");
        JsonNode choice = open.get(2).path("card").path("body").get(0);
        assertThat(choice.path("type").asText()).isEqualTo("Input.ChoiceSet");
        assertThat(choice.path("choices").findValuesAsText("value")).containsExactly("pending", "resolved");
        assertThat(open.get(3).path("verb").asText()).isEqualTo("close");

        JsonNode closed = TicketCard.ticket(ticket(Priority.HIGH, TicketStatus.CLOSED, "bob@example.com"), null,
                URL, true).path("actions");
        assertThat(titles(closed)).containsExactly("Open in Helpdesk", "Change status");
        assertThat(titles(closed.get(1).path("card").path("actions"))).containsExactly("Set status");
        assertThat(closed.get(1).path("card").path("body").get(0).path("choices").findValuesAsText("value"))
                .containsExactly("open");
    }

    private static List<String> titles(JsonNode actions) {
        List<String> titles = new ArrayList<>();
        actions.forEach(a -> titles.add(a.path("title").asText()));
        return titles;
    }

    @Test
    void textCardIsValid() {
        CardSchema.assertCardMessage(TicketCard.message(TicketCard.text("Maintenance at 18:00 — *all* queues")));
    }

    @Test
    void theSchemaCheckRejectsWhatTeamsWouldDrop() {
        ObjectNode card = TicketCard.ticket(ticket(Priority.URGENT, TicketStatus.OPEN, null), null, URL, true);
        ((ObjectNode) card.path("body").get(0).path("items").get(0)).put("colour", "red");
        assertThat(CardSchema.errors(card)).isNotEmpty();
        ObjectNode noUrl = TicketCard.ticket(ticket(Priority.URGENT, TicketStatus.OPEN, null), null, URL, false);
        ((ObjectNode) noUrl.path("actions").get(0)).remove("url");
        assertThat(CardSchema.errors(noUrl)).isNotEmpty();
    }
}
