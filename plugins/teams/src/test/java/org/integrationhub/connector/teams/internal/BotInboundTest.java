package org.integrationhub.connector.teams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bot mode, inbound: only activities whose Bot Framework JWT verifies are taken (anything else 401, nothing
 * changes); card buttons and messages act on tickets and answer with the refreshed card or a reply.
 */
class BotInboundTest extends BotTestSupport {

    TeamsIntegration bot;
    Ticket ticket;

    @BeforeEach
    void arrange() {
        bot = bot();
        ticket = tickets.create(new NewTicket("Laptop broken", "screen", Priority.URGENT,
                new Person("cy@example.com", "Cy Customer"), null));
    }

    ObjectNode closeMessage() {
        return message("close " + ticket.id());
    }

    void assertRefused(InboundResponse answer, String detail) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.bodyAsString()).contains(detail);
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(microsoft.requests("POST", REPLY)).isEmpty();
    }

    @Test
    void aSignedActivityIsTaken() {
        InboundResponse answer = signed(bot, closeMessage());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void noTokenIsRefused() {
        assertRefused(send(bot, closeMessage(), null), "missing Bot Framework bearer token");
        assertRefused(send(bot, closeMessage(), "Basic YWxhZGRpbjpvcGVuc2VzYW1l"), "missing");
        assertRefused(send(bot, closeMessage(), "Bearer not-a-jwt"), "malformed");
    }

    @Test
    void aWrongSignatureIsRefused() {
        TestKeys impostor = new TestKeys(keys.kid);
        assertRefused(send(bot, closeMessage(), impostor.bearer(TestKeys.claims(TestConfig.APP_ID, serviceUrl))),
                "signature invalid");
        String good = keys.bearer(TestKeys.claims(TestConfig.APP_ID, serviceUrl));
        String[] parts = good.substring(7).split("\\.");
        String forgedClaims = TestKeys.b64(TestKeys.claims("another-app", serviceUrl).toString().getBytes());
        assertRefused(send(bot, closeMessage(), "Bearer " + parts[0] + "." + forgedClaims + "." + parts[2]),
                "signature invalid");
    }

    @Test
    void onlyRs256IsAccepted() {
        ObjectNode header = JSON.createObjectNode().put("alg", "none").put("kid", keys.kid);
        String unsigned = TestKeys.b64(header.toString().getBytes()) + "."
                + TestKeys.b64(TestKeys.claims(TestConfig.APP_ID, serviceUrl).toString().getBytes()) + ".";
        assertRefused(send(bot, closeMessage(), "Bearer " + unsigned), "RS256");
        ObjectNode hs = JSON.createObjectNode().put("alg", "HS256").put("kid", keys.kid);
        assertRefused(send(bot, closeMessage(), "Bearer " + keys.sign(hs, TestKeys.claims(TestConfig.APP_ID,
                serviceUrl))), "RS256");
    }

    @Test
    void aWrongAudienceIsRefused() {
        assertRefused(send(bot, closeMessage(), keys.bearer(TestKeys.claims("11111111-other-app", serviceUrl))),
                "audience");
    }

    @Test
    void aWrongIssuerIsRefused() {
        ObjectNode claims = TestKeys.claims(TestConfig.APP_ID, serviceUrl)
                .put("iss", "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/");
        assertRefused(send(bot, closeMessage(), keys.bearer(claims)), "issuer");
    }

    @Test
    void anExpiredOrNotYetValidTokenIsRefusedBeyondFiveMinutesOfSkew() {
        long now = Instant.now().getEpochSecond();
        ObjectNode expired = TestKeys.claims(TestConfig.APP_ID, serviceUrl).put("nbf", now - 3600)
                .put("exp", now - 301);
        assertRefused(send(bot, closeMessage(), keys.bearer(expired)), "expired");
        ObjectNode early = TestKeys.claims(TestConfig.APP_ID, serviceUrl).put("nbf", now + 301);
        assertRefused(send(bot, closeMessage(), keys.bearer(early)), "not valid yet");
        ObjectNode noExpiry = TestKeys.claims(TestConfig.APP_ID, serviceUrl);
        noExpiry.remove("exp");
        assertRefused(send(bot, closeMessage(), keys.bearer(noExpiry)), "expired");

        ObjectNode justExpired = TestKeys.claims(TestConfig.APP_ID, serviceUrl).put("exp", now - 120);
        assertThat(send(bot, closeMessage(), keys.bearer(justExpired)).status()).as("within the skew")
                .isEqualTo(200);
    }

    @Test
    void theServiceUrlClaimMustMatchTheActivity() {
        ObjectNode elsewhere = TestKeys.claims(TestConfig.APP_ID, "https://smba.trafficmanager.net/emea/");
        assertRefused(send(bot, closeMessage(), keys.bearer(elsewhere)), "serviceUrl");
        assertRefused(send(bot, closeMessage().put("serviceUrl", "https://evil.example.com/"),
                keys.bearer(TestKeys.claims(TestConfig.APP_ID, serviceUrl))), "serviceUrl");
    }

    @Test
    void theKeyMustBeEndorsedForTheChannel() {
        assertRefused(signed(bot, closeMessage().put("channelId", "slack")), "endorsed");
    }

    /**
     * Bot Framework (bot-framework-rest-connector-authentication, step 3): by default every published channel id
     * requires an endorsement, so a key that lists none cannot sign a Teams activity.
     */
    @Test
    void aKeyWithoutEndorsementsIsNotEndorsedForTeams() {
        microsoft.route("GET", KEYS_PATH, Reply.of(200, TestKeys.jwksWithoutEndorsements(keys)));
        assertRefused(signed(bot, closeMessage()), "endorsed");
    }

    @Test
    void keysAreCachedAndRefreshedAtMostEveryFiveMinutesForAnUnknownKid() {
        assertThat(signed(bot, message("help")).status()).isEqualTo(200);
        assertThat(signed(bot, message("help")).status()).isEqualTo(200);
        microsoft.assertExactlyOnce("GET", OPENID_PATH);
        microsoft.assertExactlyOnce("GET", KEYS_PATH);

        TestKeys rotated = new TestKeys("bf-key-2");
        microsoft.route("GET", KEYS_PATH, Reply.of(200, TestKeys.jwks(keys, rotated)));
        String withNewKey = rotated.bearer(TestKeys.claims(TestConfig.APP_ID, serviceUrl));
        InboundResponse refused = send(bot, closeMessage(), withNewKey);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.bodyAsString()).contains("unknown key");
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(microsoft.requests("GET", KEYS_PATH)).as("no refresh within five minutes").hasSize(1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(send(bot, closeMessage(), withNewKey).status()).isEqualTo(200);
        assertThat(microsoft.requests("GET", KEYS_PATH)).hasSize(2);
    }

    @Test
    void unreachableKeysRefuseTheRequest() {
        microsoft.route("GET", OPENID_PATH, Reply.of(503, "{}"));
        assertRefused(signed(bot, closeMessage()), "signing keys are unavailable");
    }

    // --- card buttons (Action.Execute → invoke adaptiveCard/action) ---

    JsonNode invokeAnswer(InboundResponse answer) throws Exception {
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.bodyAsString());
        assertThat(body.path("statusCode").asInt()).isEqualTo(200);
        return body;
    }

    @Test
    void assignToMeAssignsTheTicketToTheTeamsUsersEmailAndRefreshesTheCard() throws Exception {
        JsonNode body = invokeAnswer(signed(bot, invoke("assign_to_me", ticket.id(), Map.of())));
        assertThat(tickets.find(ticket.id()).orElseThrow().assignee()).isEqualTo("ann.agent@example.com");
        microsoft.assertExactlyOnce("GET", MEMBER);
        assertThat(body.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        CardSchema.assertValid(body.path("value"));
        assertThat(body.at("/value/body/1/facts/4/value").asText()).isEqualTo("ann.agent@example.com");
        assertThat(body.at("/value/body/0/items/2/text").asText()).isEqualTo("Assigned to ann.agent@example.com");
    }

    @Test
    void changeStatusSetsTheChosenStatus() throws Exception {
        JsonNode body = invokeAnswer(signed(bot, invoke("set_status", ticket.id(), Map.of("status", "pending"))));
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.PENDING);
        CardSchema.assertValid(body.path("value"));
        assertThat(body.at("/value/body/1/facts/3/value").asText()).isEqualTo("Pending");
    }

    @Test
    void closeClosesTheTicket() throws Exception {
        JsonNode body = invokeAnswer(signed(bot, invoke("close", ticket.id(), Map.of())));
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
        CardSchema.assertValid(body.path("value"));
        assertThat(body.at("/value/body/0/items/2/text").asText()).isEqualTo("Closed from Teams");
    }

    @Test
    void aRefusedChangeAnswersWithAMessage() throws Exception {
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.CLOSED));
        JsonNode body = invokeAnswer(signed(bot, invoke("set_status", ticket.id(), Map.of("status", "resolved"))));
        assertThat(body.path("type").asText()).isEqualTo("application/vnd.microsoft.activity.message");
        assertThat(body.path("value").asText()).startsWith("Ticket " + ticket.id() + ": ");
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
        JsonNode unknown = invokeAnswer(signed(bot, invoke("close", "01JNOSUCHTICKET00000000000", Map.of())));
        assertThat(unknown.path("value").asText()).contains("01JNOSUCHTICKET00000000000");
    }

    @Test
    void aSubmitButtonWorksAsWell() throws Exception {
        ObjectNode submit = activity("message");
        submit.putObject("value").put("verb", "close").put("ticketId", ticket.id());
        assertThat(signed(bot, submit).status()).isEqualTo(200);
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
        JsonNode reply = JSON.readTree(microsoft.assertExactlyOnce("POST", REPLY).body());
        assertThat(reply.path("text").asText()).isEqualTo("Closed from Teams");
        CardSchema.assertCardMessage(reply);
    }

    // --- messages to the bot ---

    JsonNode reply() throws Exception {
        return JSON.readTree(microsoft.assertExactlyOnce("POST", REPLY).body());
    }

    @Test
    void statusShowsTheTicketCard() throws Exception {
        assertThat(signed(bot, message("status " + ticket.id())).status()).isEqualTo(200);
        JsonNode reply = reply();
        assertThat(reply.path("text").asText()).isEqualTo("Ticket " + ticket.id());
        JsonNode card = CardSchema.assertCardMessage(reply);
        assertThat(card.at("/body/1/facts/0/value").asText()).isEqualTo(ticket.id());
        assertThat(microsoft.assertExactlyOnce("POST", REPLY).header("Authorization")).isEqualTo("Bearer token-1");
    }

    @Test
    void statusOfAnUnknownTicketSaysSo() throws Exception {
        signed(bot, message("status 01JNOSUCHTICKET00000000000"));
        assertThat(reply().path("text").asText()).isEqualTo("No ticket 01JNOSUCHTICKET00000000000.");
    }

    @Test
    void closeClosesAndAnswers() throws Exception {
        signed(bot, closeMessage());
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
        JsonNode reply = reply();
        assertThat(reply.path("text").asText()).isEqualTo("Ticket " + ticket.id() + " closed.");
        CardSchema.assertCardMessage(reply);
    }

    @Test
    void ticketOpensATicketForTheTeamsUser() throws Exception {
        signed(bot, message("ticket Printer jammed on 2nd floor"));
        Ticket created = tickets.lastEvent().ticket();
        assertThat(created.subject()).isEqualTo("Printer jammed on 2nd floor");
        assertThat(created.customer().email()).isEqualTo("ann.agent@example.com");
        assertThat(created.customer().name()).isEqualTo("Ann Agent");
        JsonNode reply = reply();
        assertThat(reply.path("text").asText()).isEqualTo("Ticket " + created.id() + " opened.");
        CardSchema.assertCardMessage(reply);
    }

    @Test
    void helpAndAnythingElseExplainTheCommands() throws Exception {
        signed(bot, message("help"));
        assertThat(reply().path("text").asText()).isEqualTo(BotActivities.HELP);
        microsoft.route("POST", REPLY, Reply.of(201, "{\"id\":\"x\"}"));
        signed(bot, message("what can you do?"));
        assertThat(JSON.readTree(microsoft.requests("POST", REPLY).get(1).body()).path("text").asText())
                .isEqualTo(BotActivities.HELP);
        signed(bot, message("close"));
        assertThat(JSON.readTree(microsoft.requests("POST", REPLY).get(2).body()).path("text").asText())
                .isEqualTo("Usage: close <ticket id>");
    }

    @Test
    void otherActivitiesAreAcknowledged() {
        assertThat(signed(bot, activity("conversationUpdate")).status()).isEqualTo(200);
        assertThat(microsoft.requests("POST", REPLY)).isEmpty();
    }

    @Test
    void mentionsAndMarkupAreStrippedFromCommands() {
        assertThat(BotActivities.text("<at>Helpdesk</at>&nbsp;status <b>01J</b>")).isEqualTo("status  01J");
    }
}
