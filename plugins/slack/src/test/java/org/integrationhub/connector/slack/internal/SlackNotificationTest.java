package org.integrationhub.connector.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Notifications: the exact chat.postMessage / chat.update requests the official client sends. */
class SlackNotificationTest extends SlackTestSupport {

    @Test
    void createdTicketPostsBlockKitMessageWithAttachmentToDefaultChannel() throws Exception {
        slack.onEvent(event(EventType.TICKET_CREATED, ticket(Priority.NORMAL, TicketStatus.OPEN, null)));

        FakeSlackApi.Call post = slackApi.calls("chat.postMessage").get(0);
        assertThat(post.authorization()).isEqualTo("Bearer xoxb-test-token");
        assertThat(post.form()).containsEntry("channel", "#support").doesNotContainKey("thread_ts")
                .containsEntry("text", "[Normal] Printer on fire (ticket " + TICKET_ID + ")");
        JsonArray blocks = post.json("blocks").getAsJsonArray();
        JsonObject section = blocks.get(0).getAsJsonObject();
        assertThat(section.get("type").getAsString()).isEqualTo("section");
        assertThat(section.getAsJsonObject("text").get("type").getAsString()).isEqualTo("mrkdwn");
        assertThat(section.getAsJsonObject("text").get("text").getAsString()).isEqualTo(
                "*<https://hub.example.com/tickets/" + TICKET_ID + "|Printer on fire>*\n"
                        + "The printer on the 3rd floor is on fire.\nPlease help.");
        JsonObject actions = blocks.get(1).getAsJsonObject();
        assertThat(actions.get("type").getAsString()).isEqualTo("actions");
        assertThat(actions.get("block_id").getAsString()).isEqualTo("ticket:" + TICKET_ID);
        JsonArray elements = actions.getAsJsonArray("elements");
        JsonObject view = elements.get(0).getAsJsonObject();
        assertThat(view.get("type").getAsString()).isEqualTo("button");
        assertThat(view.getAsJsonObject("text").get("text").getAsString()).isEqualTo("View Ticket");
        assertThat(view.get("url").getAsString()).isEqualTo("https://hub.example.com/tickets/" + TICKET_ID);
        JsonObject assign = elements.get(1).getAsJsonObject();
        assertThat(assign.get("action_id").getAsString()).isEqualTo("assign_to_me");
        assertThat(assign.get("value").getAsString()).isEqualTo(TICKET_ID);
        assertThat(assign.getAsJsonObject("text").get("text").getAsString()).isEqualTo("Assign to Me");
        JsonObject select = elements.get(2).getAsJsonObject();
        assertThat(select.get("type").getAsString()).isEqualTo("static_select");
        assertThat(select.get("action_id").getAsString()).isEqualTo("change_status");
        assertThat(select.getAsJsonObject("placeholder").get("text").getAsString()).isEqualTo("Change Status");
        assertThat(select.getAsJsonArray("options")).hasSize(4);
        assertThat(select.getAsJsonObject("initial_option").get("value").getAsString()).isEqualTo("open");

        JsonObject attachment = post.json("attachments").getAsJsonArray().get(0).getAsJsonObject();
        assertThat(attachment.get("color").getAsString()).isEqualTo("#2EB67D");
        JsonArray fields = attachment.getAsJsonArray("fields");
        assertThat(fields.toString()).isEqualTo("[{\"title\":\"Priority\",\"value\":\"Normal\",\"short\":true},"
                + "{\"title\":\"Status\",\"value\":\"Open\",\"short\":true},"
                + "{\"title\":\"Assignee\",\"value\":\"Unassigned\",\"short\":true}]");
        assertThat(links.get("slack-support", TICKET_ID, ThreadLink.KEY)).contains(
                "v1|#support|C123ABC456|1503435956.001001|1");
    }

    @ParameterizedTest
    @CsvSource({"URGENT,#E01E5A,#support-urgent", "HIGH,#F2952F,#support", "NORMAL,#2EB67D,#support",
            "LOW,#9E9E9E,#support"})
    void attachmentColourAndChannelFollowPriority(Priority priority, String colour, String channel)
            throws Exception {
        slack.onEvent(event(EventType.TICKET_CREATED, ticket(priority, TicketStatus.OPEN, "bob@example.com")));

        FakeSlackApi.Call post = slackApi.calls("chat.postMessage").get(0);
        assertThat(post.form().get("channel")).isEqualTo(channel);
        JsonObject attachment = post.json("attachments").getAsJsonArray().get(0).getAsJsonObject();
        assertThat(attachment.get("color").getAsString()).isEqualTo(colour);
        assertThat(attachment.getAsJsonArray("fields").get(2).getAsJsonObject().get("value").getAsString())
                .isEqualTo("bob@example.com");
    }

    @Test
    void laterEventsReplyInTheThreadAndStatusChangesUpdateTheRootInPlace() throws Exception {
        slack.onEvent(event(EventType.TICKET_CREATED, ticket(Priority.HIGH, TicketStatus.OPEN, null)));
        String ts = links.get("slack-support", TICKET_ID, ThreadLink.KEY).orElseThrow().split("\\|")[3];

        slack.onEvent(event(EventType.TICKET_UPDATED, ticket(Priority.HIGH, TicketStatus.PENDING, "bob@example.com"),
                "status", "assignee"));

        FakeSlackApi.Call reply = slackApi.calls("chat.postMessage").get(1);
        assertThat(reply.form()).containsEntry("channel", "C123ABC456").containsEntry("thread_ts", ts)
                .containsEntry("text", "Updated assignee → *bob@example.com*, status → *Pending*");
        FakeSlackApi.Call update = slackApi.calls("chat.update").get(0);
        assertThat(update.form()).containsEntry("channel", "C123ABC456").containsEntry("ts", ts);
        JsonArray fields = update.json("attachments").getAsJsonArray().get(0).getAsJsonObject()
                .getAsJsonArray("fields");
        assertThat(fields.get(1).getAsJsonObject().get("value").getAsString()).isEqualTo("Pending");
        assertThat(fields.get(2).getAsJsonObject().get("value").getAsString()).isEqualTo("bob@example.com");
        assertThat(update.json("blocks").getAsJsonArray().get(1).getAsJsonObject().getAsJsonArray("elements")
                .get(2).getAsJsonObject().getAsJsonObject("initial_option").get("value").getAsString())
                .isEqualTo("pending");
    }

    @Test
    void theThreadSurvivesARestartBecauseItLivesInTheLinkStore() throws Exception {
        slack.onEvent(event(EventType.TICKET_CREATED, ticket(Priority.LOW, TicketStatus.OPEN, null)));
        restart();
        slack.onEvent(event(EventType.TICKET_UPDATED, ticket(Priority.LOW, TicketStatus.OPEN, null), "subject"));

        assertThat(slackApi.calls("chat.postMessage").get(1).form()).containsEntry("thread_ts",
                "1503435956.001001");
    }

    @Test
    void aRedeliveredEventIsNotPostedTwice() throws Exception {
        var created = event(EventType.TICKET_CREATED, ticket(Priority.NORMAL, TicketStatus.OPEN, null));
        var updated = event(EventType.TICKET_UPDATED, ticket(Priority.NORMAL, TicketStatus.PENDING, null), "status");
        slack.onEvent(created);
        slack.onEvent(updated);
        slack.onEvent(created);
        slack.onEvent(updated);

        assertThat(slackApi.calls("chat.postMessage")).hasSize(2);
        assertThat(slackApi.calls("chat.update")).hasSize(1);
    }

    @Test
    void anEventRoutedToAnotherChannelGetsItsOwnMessageThereAndStillUpdatesTheRoot() throws Exception {
        slack.onEvent(event(EventType.TICKET_CREATED, ticket(Priority.NORMAL, TicketStatus.OPEN, null)));
        slack.onEvent(event(EventType.TICKET_CLOSED, ticket(Priority.NORMAL, TicketStatus.CLOSED, null), "status"));

        FakeSlackApi.Call closed = slackApi.calls("chat.postMessage").get(1);
        assertThat(closed.form()).containsEntry("channel", "#support-done").doesNotContainKey("thread_ts");
        assertThat(slackApi.calls("chat.update")).hasSize(1);
    }

    @Test
    void commentsGoToTheThreadWithoutTouchingTheRoot() throws Exception {
        Ticket t = ticket(Priority.NORMAL, TicketStatus.OPEN, null);
        slack.onEvent(event(EventType.TICKET_CREATED, t));
        sequence++;
        slack.onEvent(new org.integrationhub.api.HubEvent("01JEVENTCOMMENT", sequence, EventType.COMMENT_ADDED,
                java.time.Instant.now(), t, new org.integrationhub.api.Comment("CM1", TICKET_ID,
                        new org.integrationhub.api.Person("bob@example.com", "Bob"), "On my <way>", false,
                        java.time.Instant.now()), null, null));

        assertThat(slackApi.calls("chat.postMessage").get(1).form())
                .containsEntry("text", ":speech_balloon: Bob: On my &lt;way&gt;")
                .containsEntry("thread_ts", "1503435956.001001");
        assertThat(slackApi.calls("chat.update")).isEmpty();
    }

    @Test
    void slackErrorsAreClassified() {
        slackApi.answer("chat.postMessage", "{\"ok\":false,\"error\":\"channel_not_found\"}");
        assertThat(category()).isEqualTo(ErrorCategory.CONFIGURATION);
        slackApi.answer("chat.postMessage", "{\"ok\":false,\"error\":\"invalid_auth\"}");
        assertThat(category()).isEqualTo(ErrorCategory.AUTHENTICATION);
        slackApi.status("chat.postMessage", 429);
        IntegrationException e = failure();
        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        slackApi.status("chat.postMessage", 503);
        assertThat(category()).isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(links.values()).isEmpty();
    }

    @Test
    void anAnswerThatIsNotSlackJsonIsACommunicationErrorNotAnUncheckedOne() {
        slackApi.answer("chat.postMessage", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        IntegrationException e = failure();
        assertThat(e.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(e.getMessage()).isEqualTo("chat.postMessage failed: the answer is not a Slack Web API response");
        slackApi.answer("auth.test", "not json");
        assertThat(slack.checkHealth().status()).isEqualTo(org.integrationhub.spi.IntegrationStatus.OFFLINE);
    }

    @Test
    void theRootMessageIsPublishedAsTheTicketsThreadLinkWithItsPermalink() throws Exception {
        slack.onEvent(event(EventType.TICKET_CREATED, ticket(Priority.NORMAL, TicketStatus.OPEN, null)));

        FakeSlackApi.Call permalink = slackApi.calls("chat.getPermalink").get(0);
        assertThat(permalink.form()).containsEntry("channel", "C123ABC456")
                .containsEntry("message_ts", "1503435956.001001");
        TicketLink link = new TicketLink("slack-support", TICKET_ID, "thread", "C123ABC456:1503435956.001001",
                "https://ghostbusters.slack.com/archives/C123ABC456/p1503435956001001");
        assertThat(links.links(TICKET_ID)).containsExactly(link);
        assertThat(links.findByKey("slack-support", "thread", "C123ABC456:1503435956.001001")).contains(link);

        slack.onEvent(event(EventType.COMMENT_ADDED, ticket(Priority.NORMAL, TicketStatus.OPEN, null)));
        assertThat(slackApi.calls("chat.getPermalink")).as("published once").hasSize(1);
        assertThat(links.links(TICKET_ID)).containsExactly(link);
    }

    @Test
    void withoutAPermalinkTheLinkOpensTheChannelAndTheEventStillSucceeds() throws Exception {
        slackApi.answer("chat.getPermalink", "{\"ok\":false,\"error\":\"ratelimited\"}");
        HubEvent created = event(EventType.TICKET_CREATED, ticket(Priority.NORMAL, TicketStatus.OPEN, null));
        slack.onEvent(created);

        assertThat(links.link("slack-support", TICKET_ID, "thread")).map(TicketLink::url)
                .contains("https://slack.com/app_redirect?channel=C123ABC456");
        assertThat(links.get("slack-support", TICKET_ID, ThreadLink.KEY)).isPresent();
        slack.onEvent(created);
        assertThat(slackApi.calls("chat.postMessage")).as("a redelivery posts no second root").hasSize(1);
    }

    @Test
    void aThreadPostedBeforeLinksExistedGetsItsLinkWithTheNextEvent() throws Exception {
        links.put("slack-support", TICKET_ID, ThreadLink.KEY, "v1|#support|C0OLD|1400000000.000100|3");
        sequence = 3;
        slack.onEvent(event(EventType.COMMENT_ADDED, ticket(Priority.NORMAL, TicketStatus.OPEN, null)));

        assertThat(slackApi.calls("chat.postMessage").get(0).form()).containsEntry("thread_ts", "1400000000.000100");
        assertThat(links.link("slack-support", TICKET_ID, "thread")).map(TicketLink::key)
                .contains("C0OLD:1400000000.000100");
    }

    private ErrorCategory category() {
        return failure().category();
    }

    private IntegrationException failure() {
        return catchThrowableOfType(IntegrationException.class,
                () -> slack.onEvent(event(EventType.TICKET_CREATED, ticket(Priority.NORMAL, TicketStatus.OPEN, null))));
    }
}
