package org.integrationhub.connector.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.spi.InboundResponse;
import org.junit.jupiter.api.Test;

/** The slash commands, sent as Slack sends them (form-encoded, signed). */
class SlackCommandTest extends SlackTestSupport {

    @Test
    void ticketOpensATicketForTheSlackUserResolvedByEmail() {
        JsonObject reply = reply(send(signed("commands", command("/ticket", "VPN drops every hour"))));

        assertThat(slackApi.calls("users.info").get(0).form()).containsEntry("user", "U2147483697");
        Ticket t = tickets.lastEvent().ticket();
        assertThat(t.subject()).isEqualTo("VPN drops every hour");
        assertThat(t.customer().email()).isEqualTo("spengler@ghostbusters.example.com");
        assertThat(t.customer().name()).isEqualTo("Egon Spengler");
        assertThat(t.description()).isEqualTo("Opened from Slack by Egon Spengler in #support");
        assertThat(t.priority()).isEqualTo(Priority.NORMAL);
        assertThat(reply.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(reply.get("text").getAsString()).startsWith("Opened ticket *<https://hub.example.com/tickets/"
                + t.id() + "|" + t.id() + ">* VPN drops every hour");
    }

    @Test
    void ticketWithoutSubjectShowsHelp() {
        assertThat(reply(send(signed("commands", command("/ticket", "  ")))).get("text").getAsString())
                .contains("/ticket <subject>");
        assertThat(tickets.recordedEvents()).isEmpty();
    }

    @Test
    void ticketThatTheHubRefusesExplainsWhy() {
        String text = reply(send(signed("commands", command("/ticket", "x".repeat(256))))).get("text").getAsString();
        assertThat(text).isEqualTo("Could not open the ticket: subject must be at most 255 characters");
        assertThat(tickets.recordedEvents()).isEmpty();
    }

    @Test
    void slowWorkIsAcknowledgedAtOnceAndAnsweredThroughResponseUrl() throws Exception {
        config.inlineMillis = 100;
        restart();
        slackApi.delay(Duration.ofMillis(600));

        long start = System.nanoTime();
        InboundResponse r = send(signed("commands", command("/ticket", "Slow Slack")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(reply(r).get("text").getAsString()).isEqualTo("Working on it…");

        FakeSlackApi.Call later = slackApi.await("response_url", 1).get(0);
        JsonObject body = later.bodyJson().getAsJsonObject();
        assertThat(body.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(body.get("text").getAsString()).startsWith("Opened ticket").contains("Slow Slack");
        assertThat(tickets.recordedEvents()).extracting(e -> e.type().wireName()).containsExactly("ticket.created");
    }

    @Test
    void statusShowsTheTicket() {
        tickets.put(ticket(Priority.URGENT, TicketStatus.PENDING, "bob@example.com"));
        String text = reply(send(signed("commands", command("/status", TICKET_ID)))).get("text").getAsString();
        assertThat(text).isEqualTo("*<https://hub.example.com/tickets/" + TICKET_ID + "|" + TICKET_ID
                + ">* Printer on fire\nStatus: *Pending* · Priority: *Urgent* · Assignee: *bob@example.com*");
    }

    @Test
    void statusOfAnUnknownTicketSaysSo() {
        assertThat(reply(send(signed("commands", command("/status", "01JNOPE")))).get("text").getAsString())
                .isEqualTo("No status: no ticket 01JNOPE");
    }

    @Test
    void assignToAMentionedUserUsesTheirEmail() {
        tickets.put(ticket(Priority.NORMAL, TicketStatus.OPEN, null));
        String text = reply(send(signed("commands", command("/assign", TICKET_ID + " <@U0AGRACE|grace>"))))
                .get("text").getAsString();
        assertThat(tickets.find(TICKET_ID).orElseThrow().assignee()).isEqualTo("grace@ghostbusters.example.com");
        assertThat(slackApi.calls("users.info").get(0).form()).containsEntry("user", "U0AGRACE");
        assertThat(text).startsWith("Assigned ").contains("Assignee: *grace@ghostbusters.example.com*");
    }

    @Test
    void assignToAnEmailNeedsNoSlackLookup() {
        tickets.put(ticket(Priority.NORMAL, TicketStatus.OPEN, null));
        send(signed("commands", command("/assign", TICKET_ID + " bob@example.com")));
        assertThat(tickets.find(TICKET_ID).orElseThrow().assignee()).isEqualTo("bob@example.com");
        send(signed("commands", command("/assign", TICKET_ID + " <mailto:carol@example.com|carol@example.com>")));
        assertThat(tickets.find(TICKET_ID).orElseThrow().assignee()).isEqualTo("carol@example.com");
        assertThat(slackApi.calls("users.info")).isEmpty();
    }

    @Test
    void assignToAnUnescapedNameExplainsTheFormat() {
        tickets.put(ticket(Priority.NORMAL, TicketStatus.OPEN, null));
        assertThat(reply(send(signed("commands", command("/assign", TICKET_ID + " @bob")))).get("text")
                .getAsString()).isEqualTo("Could not assign " + TICKET_ID
                        + ": name the assignee as an @mention or an e-mail address");
        assertThat(tickets.find(TICKET_ID).orElseThrow().assignee()).isNull();
    }

    @Test
    void closeClosesOnce() {
        tickets.put(ticket(Priority.NORMAL, TicketStatus.OPEN, null));
        assertThat(reply(send(signed("commands", command("/close", TICKET_ID)))).get("text").getAsString())
                .startsWith("Closed ");
        assertThat(tickets.find(TICKET_ID).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(reply(send(signed("commands", command("/close", TICKET_ID)))).get("text").getAsString())
                .isEqualTo("Ticket " + TICKET_ID + " is already closed.");
    }

    @Test
    void anythingElseGetsHelp() {
        for (String[] c : new String[][] {{"/helpdesk", "x"}, {"/status", ""}, {"/assign", "only-id"},
                {"/close", "a b"}}) {
            assertThat(reply(send(signed("commands", command(c[0], c[1])))).get("text").getAsString())
                    .as(c[0] + " " + c[1]).startsWith("Integration Hub commands:");
        }
    }

    private static JsonObject reply(InboundResponse r) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
        return JsonParser.parseString(r.bodyAsString()).getAsJsonObject();
    }
}
