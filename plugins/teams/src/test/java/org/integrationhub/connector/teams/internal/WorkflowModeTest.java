package org.integrationhub.connector.teams.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.Comment;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeLinkStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** mode = workflow against a loopback Teams Workflows webhook. */
class WorkflowModeTest {

    static final String FLOW = "/workflows/4f1c/triggers/manual/paths/invoke";

    FakeHttpServer teams;
    FakeIntegrationContext context;
    FakeLinkStore links = new FakeLinkStore();
    TestConfig config;

    @BeforeEach
    void start() throws Exception {
        teams = FakeHttpServer.start();
        teams.route("POST", FLOW, Reply.of(202, ""));
        context = new FakeIntegrationContext().withLinks("https://helpdesk.example.com/tickets/{id}",
                "https://hub.example.com");
        config = TestConfig.workflow(teams.uri(FLOW) + "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&"
                + TestConfig.WEBHOOK_SECRET_PART);
    }

    @AfterEach
    void stop() {
        teams.close();
        context.close();
    }

    TeamsIntegration teams() {
        return new TeamsIntegration(context, links, config);
    }

    static HubEvent event(long sequence, EventType type, Ticket ticket, String... changed) {
        return new HubEvent("01JEVT" + String.format("%020d", sequence), sequence, type, Instant.now(), ticket, null,
                null, Set.of(changed));
    }

    @Test
    void postsOneValidCardPerEventAsAnAdaptiveCardAttachment() throws Exception {
        TeamsIntegration teams = teams();
        Ticket open = TicketCardTest.ticket(Priority.URGENT, TicketStatus.OPEN, null);
        teams.onEvent(event(1, EventType.TICKET_CREATED, open));
        Ticket pending = TicketCardTest.ticket(Priority.URGENT, TicketStatus.PENDING, "bob@example.com");
        teams.onEvent(event(2, EventType.TICKET_UPDATED, pending, "status", "assignee"));
        Comment comment = new Comment("01JCOMMENT0000000000000000", open.id(), new Person("c@example.com", "Cy"),
                "Still smoking", false, Instant.now());
        teams.onEvent(new HubEvent("01JEVT3", 3, EventType.COMMENT_ADDED, Instant.now(), pending, comment, null,
                Set.of()));

        List<Recorded> posts = this.teams.requests("POST", FLOW);
        assertThat(posts).hasSize(3);
        for (Recorded post : posts) {
            assertThat(post.header("Content-Type")).startsWith("application/json");
            assertThat(post.query()).contains(TestConfig.WEBHOOK_SECRET_PART);
            JsonNode card = CardSchema.assertCardMessage(new ObjectMapper().readTree(post.body()));
            assertThat(card.path("actions")).as("a Workflows post can carry only Action.OpenUrl").hasSize(1);
            assertThat(card.path("actions").get(0).path("url").asText())
                    .isEqualTo("https://helpdesk.example.com/tickets/" + open.id());
        }
        JsonNode second = new ObjectMapper().readTree(posts.get(1).body()).at("/attachments/0/content");
        assertThat(second.at("/body/0/items/2/text").asText()).isEqualTo("Updated: assignee, status");
        assertThat(second.at("/body/1/facts/3/value").asText()).isEqualTo("Pending");
        assertThat(second.at("/body/1/facts/4/value").asText()).isEqualTo("bob@example.com");
        JsonNode third = new ObjectMapper().readTree(posts.get(2).body()).at("/attachments/0/content");
        assertThat(third.at("/body/0/items/2/text").asText()).isEqualTo("Comment by Cy: Still smoking");
        assertThat(links.links(open.id())).as("a Workflows post has no id to link").isEmpty();
    }

    @Test
    void aRedeliveredEventPostsNoSecondCard() throws Exception {
        TeamsIntegration teams = teams();
        HubEvent created = event(7, EventType.TICKET_CREATED, TicketCardTest.ticket(Priority.LOW, TicketStatus.OPEN,
                null));
        teams.onEvent(created);
        teams.onEvent(created);
        this.teams.assertExactlyOnce("POST", FLOW);
    }

    @Test
    void throttlingAndServerErrorsAreRetryableAndNameNoSecret() throws Exception {
        TeamsIntegration teams = teams();
        HubEvent created = event(1, EventType.TICKET_CREATED, TicketCardTest.ticket(Priority.HIGH, TicketStatus.OPEN,
                null));
        this.teams.route("POST", FLOW, Reply.of(429, "").withHeader("Retry-After", "7"), Reply.of(502, "{}"),
                Reply.of(404, "{}"), Reply.of(202, ""));

        IntegrationException throttled = catchThrowableOfType(IntegrationException.class, () -> teams.onEvent(created));
        assertThat(throttled.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        IntegrationException down = catchThrowableOfType(IntegrationException.class, () -> teams.onEvent(created));
        assertThat(down.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        IntegrationException gone = catchThrowableOfType(IntegrationException.class, () -> teams.onEvent(created));
        assertThat(gone.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        for (IntegrationException e : List.of(throttled, down, gone)) {
            assertThat(e.getMessage()).doesNotContain("sig=").doesNotContain(FLOW);
        }
        teams.onEvent(created);
        assertThat(this.teams.requests("POST", FLOW)).as("a failed post is not remembered as handled").hasSize(4);
    }

    @Test
    void anUnreachableFlowIsACommunicationError() throws Exception {
        TeamsIntegration teams = teams();
        this.teams.close();
        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> teams.onEvent(
                event(1, EventType.TICKET_CREATED, TicketCardTest.ticket(Priority.HIGH, TicketStatus.OPEN, null))));
        assertThat(e.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(e.getMessage()).doesNotContain("sig=").doesNotContain("127.0.0.1");
    }

    @Test
    void healthChecksTheUrlWithoutCallingIt() {
        HealthResult health = teams().checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.ONLINE);
        assertThat(health.detail()).doesNotContain("sig=").doesNotContain("127.0.0.1");
        assertThat(teams.requests()).isEmpty();
    }

    @Test
    void aMissingOrMalformedUrlLeavesTheInstanceUnconfigured() {
        for (String bad : new String[] {"", "not a url", "ftp://example.com/x", "/relative/path"}) {
            config.webhookUrl = bad;
            TeamsIntegration teams = teams();
            assertThat(teams.checkHealth().status()).as(bad).isEqualTo(IntegrationStatus.UNCONFIGURED);
            assertThat(context.lastReport("teams-support").status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
            IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> teams.onEvent(
                    event(1, EventType.TICKET_CREATED, TicketCardTest.ticket(Priority.LOW, TicketStatus.OPEN, null))));
            assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        }
        config.mode = "carrier-pigeon";
        assertThat(teams().checkHealth().detail()).isEqualTo("mode must be workflow or bot");
        assertThat(teams.requests()).isEmpty();
    }

    @Test
    void theUrlMayComeFromTheEnvironment() throws Exception {
        String url = config.webhookUrl;
        context.withEnvironment("TEAMS_FLOW", url);
        config.webhookUrl = "env:TEAMS_FLOW";
        teams().onEvent(event(1, EventType.TICKET_CREATED, TicketCardTest.ticket(Priority.LOW, TicketStatus.OPEN,
                null)));
        assertThat(teams.assertExactlyOnce("POST", FLOW).query()).contains(TestConfig.WEBHOOK_SECRET_PART);
    }

    @Test
    void postMessagePostsATextCard() throws Exception {
        var result = teams().execute(new ActionRequest("post_message", Map.of("text", "Queue paused"), "k1"));
        assertThat(result.data()).containsEntry("posted", true);
        JsonNode card = CardSchema.assertCardMessage(new ObjectMapper().readTree(
                teams.assertExactlyOnce("POST", FLOW).body()));
        assertThat(card.at("/body/0/text").asText()).isEqualTo("Queue paused");
        IntegrationException empty = catchThrowableOfType(IntegrationException.class,
                () -> teams().execute(new ActionRequest("post_message", Map.of("text", " "), "k2")));
        assertThat(empty.category()).isEqualTo(ErrorCategory.CONFIGURATION);
    }

    @Test
    void workflowModeTakesNoInboundRequests() {
        var answer = teams().handle(new InboundRequest("POST", "messages", Map.of(), "{}".getBytes(), ""));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(teams().inboundPaths()).containsExactly("messages");
    }

    @Test
    void theWebhookUrlNeverShowsInToStringOrDescriptor() {
        TeamsIntegration teams = teams();
        assertThat(teams.toString()).doesNotContain("sig=");
        assertThat(teams.descriptor().toString()).doesNotContain("sig=");
        assertThat(teams.descriptor().secretProperties()).containsExactlyInAnyOrder(".webhook.url", ".app.secret");
    }
}
