package org.integrationhub.connector.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.google.gson.JsonObject;

import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.spi.InboundResponse;
import org.junit.jupiter.api.Test;

/** Button clicks and status selections, sent as Slack sends them ({@code payload=} JSON, signed). */
class SlackInteractivityTest extends SlackTestSupport {

    @Test
    void assignToMeAssignsTheClickingUserAndUpdatesTheMessage() throws Exception {
        tickets.put(ticket(Priority.HIGH, TicketStatus.OPEN, null));

        InboundResponse r = send(signed("interactivity", payload("U0AGRACE", "{\"action_id\":\"assign_to_me\","
                + "\"block_id\":\"ticket:" + TICKET_ID + "\",\"text\":{\"type\":\"plain_text\",\"text\":"
                + "\"Assign to Me\",\"emoji\":false},\"value\":\"" + TICKET_ID + "\",\"type\":\"button\","
                + "\"action_ts\":\"1548426417.840180\"}")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        FakeSlackApi.Call update = slackApi.await("chat.update", 1).get(0);
        assertThat(tickets.find(TICKET_ID).orElseThrow().assignee()).isEqualTo("grace@ghostbusters.example.com");
        assertThat(update.form()).containsEntry("channel", "C123ABC456").containsEntry("ts", "1548261231.000200");
        JsonObject attachment = update.json("attachments").getAsJsonArray().get(0).getAsJsonObject();
        assertThat(attachment.getAsJsonArray("fields").get(2).getAsJsonObject().get("value").getAsString())
                .isEqualTo("grace@ghostbusters.example.com");
        assertThat(attachment.get("color").getAsString()).isEqualTo("#F2952F");
    }

    @Test
    void changeStatusMovesTheTicketAndUpdatesTheMessage() throws Exception {
        tickets.put(ticket(Priority.NORMAL, TicketStatus.OPEN, null));

        send(signed("interactivity", payload("U2147483697", select("resolved"))));

        FakeSlackApi.Call update = slackApi.await("chat.update", 1).get(0);
        assertThat(tickets.find(TICKET_ID).orElseThrow().status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(update.json("attachments").getAsJsonArray().get(0).getAsJsonObject().getAsJsonArray("fields")
                .get(1).getAsJsonObject().get("value").getAsString()).isEqualTo("Resolved");
    }

    @Test
    void anIllegalTransitionIsAnsweredWithAnEphemeralMessageAndTheSelectIsReset() throws Exception {
        tickets.put(ticket(Priority.NORMAL, TicketStatus.CLOSED, null));

        send(signed("interactivity", payload("U2147483697", select("pending"))));

        JsonObject message = slackApi.await("response_url", 1).get(0).bodyJson().getAsJsonObject();
        assertThat(message.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(message.get("replace_original").getAsBoolean()).isFalse();
        assertThat(message.get("text").getAsString())
                .isEqualTo("Ticket " + TICKET_ID + " cannot go from Closed to Pending.");
        assertThat(tickets.find(TICKET_ID).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
        FakeSlackApi.Call reset = slackApi.await("chat.update", 1).get(0);
        assertThat(reset.json("blocks").getAsJsonArray().get(1).getAsJsonObject().getAsJsonArray("elements").get(2)
                .getAsJsonObject().getAsJsonObject("initial_option").get("value").getAsString()).isEqualTo("closed");
    }

    @Test
    void aClickOnAVanishedTicketIsAnsweredWithAnEphemeralMessage() throws Exception {
        send(signed("interactivity", payload("U2147483697", select("resolved"))));
        assertThat(slackApi.await("response_url", 1).get(0).bodyJson().getAsJsonObject().get("text")
                .getAsString()).isEqualTo("Ticket " + TICKET_ID + " no longer exists");
    }

    @Test
    void theViewButtonIsOnlyAcknowledged() {
        InboundResponse r = send(signed("interactivity", payload("U2147483697", "{\"action_id\":\"view_ticket\","
                + "\"block_id\":\"ticket:" + TICKET_ID + "\",\"type\":\"button\",\"url\":\"https://x\"}")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(slackApi.calls()).isEmpty();
    }

    @Test
    void aMalformedPayloadIs400AfterTheSignatureCheck() {
        assertThat(send(signed("interactivity", "payload=%7Bnot-json")).status()).isEqualTo(400);
        assertThat(send(signed("interactivity", "payload=%7Bnot-json", "wrong", java.time.Instant.now()
                .getEpochSecond())).status()).isEqualTo(401);
    }

    private static String select(String status) {
        return "{\"type\":\"static_select\",\"action_id\":\"change_status\",\"block_id\":\"ticket:" + TICKET_ID
                + "\",\"selected_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"X\",\"emoji\":false},"
                + "\"value\":\"" + status + "\"},\"placeholder\":{\"type\":\"plain_text\",\"text\":"
                + "\"Change Status\"},\"action_ts\":\"1548426417.840180\"}";
    }

    /** A block_actions payload as Slack documents it. */
    private String payload(String userId, String action) {
        String json = "{\"type\":\"block_actions\",\"team\":{\"id\":\"T9TK3CUKW\",\"domain\":\"example\"},"
                + "\"user\":{\"id\":\"" + userId + "\",\"username\":\"someone\",\"name\":\"someone\","
                + "\"team_id\":\"T9TK3CUKW\"},\"api_app_id\":\"AABA1ABCD\",\"token\":\"9s8d9as89d8as9d8as989\","
                + "\"container\":{\"type\":\"message\",\"message_ts\":\"1548261231.000200\",\"channel_id\":"
                + "\"C123ABC456\",\"is_ephemeral\":false},\"trigger_id\":\"12466734323.1395872398\","
                + "\"channel\":{\"id\":\"C123ABC456\",\"name\":\"support\"},\"message\":{\"type\":\"message\","
                + "\"ts\":\"1548261231.000200\",\"text\":\"[Normal] Printer on fire\"},\"response_url\":\""
                + slackApi.responseUrl() + "\",\"actions\":[" + action + "]}";
        return form(Map.of("payload", json));
    }
}
