package org.integrationhub.connector.teams.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.spi.TicketLink;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Bot mode, outbound: token by client credentials (cached, renewed), one card per ticket posted then updated. */
class BotOutboundTest extends BotTestSupport {

    Ticket open() {
        return tickets.create(new NewTicket("VPN down", "since 9:00", Priority.HIGH, new Person("cy@example.com",
                "Cy Customer"), null));
    }

    @Test
    void postsTheCardOnceThenUpdatesThatSameMessage() throws Exception {
        TeamsIntegration bot = bot();
        Ticket ticket = open();
        bot.onEvent(tickets.lastEvent());

        Recorded post = microsoft.assertExactlyOnce("POST", ACTIVITIES);
        assertThat(post.header("Authorization")).isEqualTo("Bearer token-1");
        JsonNode card = CardSchema.assertCardMessage(JSON.readTree(post.body()));
        assertThat(card.at("/body/0/items/0/text").asText()).isEqualTo("VPN down");
        assertThat(card.at("/actions/0/url").asText()).isEqualTo("https://helpdesk.example.com/tickets/" + ticket.id());
        assertThat(card.at("/actions/1/verb").asText()).isEqualTo("assign_to_me");
        TicketLink link = links.link("teams-support", ticket.id(), "message").orElseThrow();
        assertThat(link.key()).isEqualTo("1733400000001");
        assertThat(link.url()).isEqualTo("https://teams.microsoft.com/l/message/19%3Achan0001%40thread.tacv2/"
                + "1733400000001");
        assertThat(links.links(ticket.id())).containsExactly(link);

        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.PENDING));
        bot.onEvent(tickets.lastEvent());
        tickets.update(ticket.id(), TicketUpdate.assign("bob@example.com"));
        bot.onEvent(tickets.lastEvent());

        microsoft.assertExactlyOnce("POST", ACTIVITIES);
        List<Recorded> updates = microsoft.requests("PUT", ACTIVITIES + "/1733400000001");
        assertThat(updates).hasSize(2);
        JsonNode updated = JSON.readTree(updates.get(1).body());
        assertThat(updated.path("id").asText()).isEqualTo("1733400000001");
        JsonNode updatedCard = CardSchema.assertCardMessage(updated);
        assertThat(updatedCard.at("/body/1/facts/3/value").asText()).isEqualTo("Pending");
        assertThat(updatedCard.at("/body/1/facts/4/value").asText()).isEqualTo("bob@example.com");
        assertThat(microsoft.requests("POST", TOKEN_PATH)).as("the token is cached").hasSize(1);
    }

    @Test
    void theTokenIsRequestedByClientCredentials() throws Exception {
        bot().onEvent(eventOfNewTicket());
        Map<String, String> form = new HashMap<>();
        for (String pair : microsoft.assertExactlyOnce("POST", TOKEN_PATH).body().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(form).containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "client_credentials", "client_id",
                TestConfig.APP_ID, "client_secret", TestConfig.APP_SECRET, "scope",
                "https://api.botframework.com/.default"));
    }

    @Test
    void theTokenIsRenewedShortlyBeforeItExpires() throws Exception {
        microsoft.route("POST", TOKEN_PATH, token("token-1", 3600), token("token-2", 3600));
        TeamsIntegration bot = bot();
        bot.onEvent(eventOfNewTicket());
        clock.advance(Duration.ofSeconds(3600 - BotTokens.EARLY_SECONDS - 1));
        bot.onEvent(eventOfNewTicket());
        assertThat(microsoft.requests("POST", TOKEN_PATH)).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        bot.onEvent(eventOfNewTicket());
        assertThat(microsoft.requests("POST", TOKEN_PATH)).hasSize(2);
        assertThat(microsoft.requests("POST", ACTIVITIES).stream().map(r -> r.header("Authorization")))
                .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
    }

    @Test
    void aRefusedTokenIsRenewedAndTheCallTriedOnceMore() throws Exception {
        microsoft.route("POST", TOKEN_PATH, token("token-1", 3600), token("token-2", 3600));
        microsoft.route("POST", ACTIVITIES, Reply.of(401, "{\"error\":{\"code\":\"Unauthorized\"}}"),
                Reply.of(201, "{\"id\":\"1733400000001\"}"));
        bot().onEvent(eventOfNewTicket());
        assertThat(microsoft.requests("POST", ACTIVITIES).stream().map(r -> r.header("Authorization")))
                .containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(microsoft.requests("POST", TOKEN_PATH)).hasSize(2);
    }

    @Test
    void aTokenRefusedTwiceIsAnAuthenticationError() throws Exception {
        microsoft.route("POST", ACTIVITIES, Reply.of(401, "{}"));
        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> bot().onEvent(
                eventOfNewTicket()));
        assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
        assertThat(microsoft.requests("POST", ACTIVITIES)).hasSize(2);
    }

    @Test
    void aMessageDeletedInTeamsIsPostedAgain() throws Exception {
        TeamsIntegration bot = bot();
        Ticket ticket = open();
        bot.onEvent(tickets.lastEvent());
        microsoft.route("PUT", ACTIVITIES + "/1733400000001", Reply.of(404, "{\"error\":{\"code\":\"NotFound\"}}"));
        microsoft.route("POST", ACTIVITIES, Reply.of(201, "{\"id\":\"1733400000777\"}"));
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        bot.onEvent(tickets.lastEvent());
        assertThat(links.link("teams-support", ticket.id(), "message").orElseThrow().key())
                .isEqualTo("1733400000777");
        assertThat(microsoft.requests("POST", ACTIVITIES)).hasSize(2);
        JsonNode reposted = JSON.readTree(microsoft.requests("POST", ACTIVITIES).get(1).body());
        assertThat(reposted.has("id")).as("a new message carries no id, least of all the deleted one's").isFalse();
        CardSchema.assertCardMessage(reposted);
    }

    @Test
    void throttlingIsRateLimitedWithRetryAfter() throws Exception {
        microsoft.route("POST", ACTIVITIES, Reply.of(429, "{}").withHeader("Retry-After", "3"));
        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> bot().onEvent(
                eventOfNewTicket()));
        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void healthFetchesAToken() {
        HealthResult health = bot().checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.ONLINE);
        microsoft.assertExactlyOnce("POST", TOKEN_PATH);
        assertThat(health.detail()).doesNotContain(TestConfig.APP_SECRET).doesNotContain("token-1");
    }

    @Test
    void refusedCredentialsMakeTheInstanceOfflineWithoutShowingTheSecret() {
        microsoft.route("POST", TOKEN_PATH, Reply.of(401, "{\"error\":\"invalid_client\",\"error_description\":"
                + "\"AADSTS7000215: Invalid client secret provided.\"}"));
        HealthResult health = bot().checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.OFFLINE);
        assertThat(health.detail()).contains("authentication").contains("invalid_client")
                .doesNotContain(TestConfig.APP_SECRET);
    }

    @Test
    void missingBotSettingsLeaveTheInstanceUnconfigured() {
        config.appSecret = "";
        assertThat(bot().checkHealth()).isEqualTo(HealthResult.unconfigured(".app.secret is not set"));
        config.appSecret = TestConfig.APP_SECRET;
        config.conversationId = " ";
        assertThat(bot().checkHealth()).isEqualTo(HealthResult.unconfigured("conversation.id is not set"));
        config.conversationId = TestConfig.CONVERSATION;
        config.appId = "";
        assertThat(bot().checkHealth()).isEqualTo(HealthResult.unconfigured("app.id is not set"));
        assertThat(microsoft.requests()).isEmpty();
    }

    @Test
    void postMessageSendsATextActivity() throws Exception {
        var result = bot().execute(new ActionRequest("post_message", Map.of("text", "Queue paused"), "k1"));
        assertThat(result.data()).containsEntry("message_id", "1733400000001");
        JsonNode activity = JSON.readTree(microsoft.assertExactlyOnce("POST", ACTIVITIES).body());
        assertThat(activity.path("type").asText()).isEqualTo("message");
        assertThat(activity.path("text").asText()).isEqualTo("Queue paused");
    }

    private org.integrationhub.api.HubEvent eventOfNewTicket() {
        open();
        return tickets.lastEvent();
    }
}
