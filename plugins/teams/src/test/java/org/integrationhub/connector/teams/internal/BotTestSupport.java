package org.integrationhub.connector.teams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeLinkStore;
import org.integrationhub.testkit.FakeTicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bot mode against one loopback server standing in for Microsoft: the identity platform's token endpoint, the Bot
 * Connector of the channel, and Bot Framework's OpenID metadata with its JWKS (signed by {@link #keys}).
 */
abstract class BotTestSupport {

    static final String TOKEN_PATH = "/tenant-1/oauth2/v2.0/token";
    static final String OPENID_PATH = "/v1/.well-known/openidconfiguration";
    static final String KEYS_PATH = "/v1/.well-known/keys";
    static final String ACTIVITIES = "/v3/conversations/" + TestConfig.CONVERSATION + "/activities";
    static final String MEMBER = "/v3/conversations/" + TestConfig.CONVERSATION + "/members/29:user-ann";
    /** Where the bot's answer to {@link #activity} goes: a reply in that thread. */
    static final String REPLY = "/v3/conversations/" + TestConfig.CONVERSATION
            + ";messageid=1733400000001/activities/1733400000999";
    static final String TICKET_URL = "https://helpdesk.example.com/tickets/{id}";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A clock the tests move. */
    static final class MovableClock extends Clock {
        Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Bot Framework's signing key in these tests (one key pair for all: RSA generation is slow). */
    static final TestKeys KEYS = new TestKeys("bf-key-1");

    final TestKeys keys = KEYS;
    FakeHttpServer microsoft;
    FakeIntegrationContext context;
    FakeTicketService tickets = new FakeTicketService();
    FakeLinkStore links = new FakeLinkStore();
    MovableClock clock = new MovableClock();
    TestConfig config;
    String serviceUrl;

    @BeforeEach
    void startMicrosoft() throws Exception {
        microsoft = FakeHttpServer.start();
        serviceUrl = microsoft.uri("/").toString();
        microsoft.route("POST", TOKEN_PATH, token("token-1", 3600));
        microsoft.route("GET", OPENID_PATH, Reply.of(200, JSON.createObjectNode().put("issuer", TestKeys.ISSUER)
                .put("jwks_uri", microsoft.uri(KEYS_PATH).toString()).toString()));
        microsoft.route("GET", KEYS_PATH, Reply.of(200, TestKeys.jwks(keys)));
        microsoft.route("POST", ACTIVITIES, Reply.of(201, "{\"id\":\"1733400000001\"}"));
        microsoft.route("PUT", ACTIVITIES + "/1733400000001", Reply.of(200, "{\"id\":\"1733400000001\"}"));
        microsoft.route("POST", REPLY, Reply.of(201, "{\"id\":\"1733400001000\"}"));
        microsoft.route("GET", MEMBER, Reply.of(200, "{\"id\":\"29:user-ann\",\"name\":\"Ann Agent\","
                + "\"aadObjectId\":\"6b2c\",\"email\":\"ann.agent@example.com\","
                + "\"userPrincipalName\":\"ann.agent@example.com\"}"));
        context = new FakeIntegrationContext(tickets, tickets.customers()).withLinks(TICKET_URL,
                "https://hub.example.com");
        config = TestConfig.bot(microsoft.uri("").toString());
    }

    @AfterEach
    void stopMicrosoft() throws Exception {
        try {
            microsoft.requests().forEach(BotTestSupport::assertAsMicrosoftDocumentsIt);
        } finally {
            microsoft.close();
            context.close();
        }
    }

    /**
     * What Microsoft accepts, checked on every request the connector made in a test (the routes above answer
     * whatever comes): the identity platform's client-credentials form (bot-framework-rest-connector-authentication,
     * step 1), Bot Connector calls with the bot's bearer token and a JSON activity (bot-framework-rest-connector-api-
     * reference), and OpenID metadata and keys fetched without the bot's token, which goes nowhere else.
     */
    static void assertAsMicrosoftDocumentsIt(Recorded r) {
        String what = r.requestLine();
        if (r.path().equals(TOKEN_PATH)) {
            assertThat(r.method()).as(what).isEqualTo("POST");
            assertThat(r.header("Content-Type")).as(what).startsWith("application/x-www-form-urlencoded");
            assertThat(r.header("Authorization")).as(what).isNull();
            assertThat(r.query()).as(what).isEmpty();
            Map<String, String> form = new HashMap<>();
            for (String pair : r.body().split("&")) {
                String[] kv = pair.split("=", 2);
                assertThat(form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length < 2 ? ""
                        : URLDecoder.decode(kv[1], StandardCharsets.UTF_8))).as(what + ": a repeated field").isNull();
            }
            assertThat(form).as(what).containsOnlyKeys("grant_type", "client_id", "client_secret", "scope")
                    .containsEntry("grant_type", "client_credentials")
                    .containsEntry("scope", "https://api.botframework.com/.default");
        } else if (r.path().startsWith("/v3/conversations/")) {
            assertThat(r.header("Authorization")).as(what).matches("Bearer \\S+");
            assertThat(r.query()).as(what).isEmpty();
            if (r.method().equals("GET")) {
                assertThat(r.body()).as(what).isEmpty();
            } else {
                assertThat(r.method()).as(what).isIn("POST", "PUT");
                assertThat(r.header("Content-Type")).as(what).startsWith("application/json");
                JsonNode activity = assertJsonObject(what, r.body());
                assertThat(activity.path("type").asText()).as(what + ": the activity's type").isEqualTo("message");
                if (r.method().equals("PUT")) {
                    assertThat(activity.path("id").asText()).as(what + ": the activity's id")
                            .isEqualTo(r.path().substring(r.path().lastIndexOf('/') + 1));
                }
            }
        } else {
            assertThat(r.path()).as(what).isIn(OPENID_PATH, KEYS_PATH);
            assertThat(r.method()).as(what).isEqualTo("GET");
            assertThat(r.header("Authorization")).as(what + ": the bot's token goes to the Bot Connector only")
                    .isNull();
        }
    }

    private static JsonNode assertJsonObject(String what, String body) {
        try {
            JsonNode node = JSON.readTree(body);
            assertThat(node).as(what + ": the body").isNotNull();
            assertThat(node.isObject()).as(what + ": the body is a JSON object").isTrue();
            return node;
        } catch (java.io.IOException e) {
            throw new AssertionError(what + ": the body is not JSON: " + body, e);
        }
    }

    static Reply token(String token, long expiresIn) {
        return Reply.of(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":"
                + expiresIn + ",\"access_token\":\"" + token + "\"}");
    }

    TeamsIntegration bot() {
        return new TeamsIntegration(context, links, config, clock);
    }

    /** @return an activity as Teams sends it from the channel conversation, from user Ann */
    ObjectNode activity(String type) {
        ObjectNode a = JSON.createObjectNode().put("type", type).put("id", "1733400000999")
                .put("timestamp", "2026-12-05T10:00:00.000Z").put("serviceUrl", serviceUrl)
                .put("channelId", "msteams");
        a.putObject("from").put("id", "29:user-ann").put("name", "Ann Agent").put("aadObjectId", "6b2c");
        a.putObject("conversation").put("conversationType", "channel").put("isGroup", true)
                .put("id", TestConfig.CONVERSATION + ";messageid=1733400000001");
        a.putObject("recipient").put("id", "28:" + TestConfig.APP_ID).put("name", "Helpdesk");
        return a;
    }

    /** @return a message activity with the given text, addressed to the bot */
    ObjectNode message(String text) {
        return activity("message").put("text", "<at>Helpdesk</at> " + text);
    }

    /** @return the invoke an {@code Action.Execute} button sends */
    ObjectNode invoke(String verb, String ticketId, Map<String, String> inputs) {
        ObjectNode a = activity("invoke").put("name", "adaptiveCard/action");
        ObjectNode action = a.putObject("value").put("trigger", "manual").putObject("action")
                .put("type", "Action.Execute").put("verb", verb);
        ObjectNode data = action.putObject("data").put("verb", verb).put("ticketId", ticketId);
        inputs.forEach(data::put);
        return a;
    }

    InboundResponse send(TeamsIntegration bot, ObjectNode activity, String authorization) {
        Map<String, List<String>> headers = authorization == null ? Map.of("Content-Type",
                List.of("application/json")) : Map.of("Content-Type", List.of("application/json"), "Authorization",
                List.of(authorization));
        return bot.handle(new InboundRequest("POST", "messages", headers,
                activity.toString().getBytes(StandardCharsets.UTF_8), ""));
    }

    /** Sends the activity with a valid Bot Framework token. */
    InboundResponse signed(TeamsIntegration bot, ObjectNode activity) {
        return send(bot, activity, keys.bearer(TestKeys.claims(TestConfig.APP_ID, serviceUrl)));
    }
}
