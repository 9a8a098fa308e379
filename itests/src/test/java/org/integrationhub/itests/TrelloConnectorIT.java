package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Trello connector in the running distribution (installed by the integration-hub feature, its instance
 * configured by an etc/*.cfg pointing at a loopback Trello), one booted hub for every check: register_webhook passes
 * Trello's HEAD check of the callback URL; a ticket becomes exactly one card, listed among the ticket's links;
 * resolving it moves the card to the done list; a signed webhook moving a card to the done list resolves its ticket;
 * a badly signed one gets 401 problem+json and changes nothing; a signed comment becomes one ticket comment.
 */
class TrelloConnectorIT {

    private static final String NAME = "trello-it";
    private static final String SECRET = "it-trello-power-up-secret-0123456789";
    private static final String TOKEN = "ATTAit-trello-token-0123456789abcdef";
    private static final String KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private FakeTrelloServer trello;
    private HubProcess hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.stop();
        }
        if (trello != null) {
            trello.close();
        }
    }

    @Test
    void cardsMovesWebhooksAndSignaturesThroughTheInstalledConnector() throws Exception {
        trello = new FakeTrelloServer(KEY, TOKEN);
        Path archive = Paths.get(System.getProperty("hub.distribution"));
        hub = HubProcess.unpack(archive, Paths.get(System.getProperty("project.build.directory", "target"),
                "trello-it"));
        String base = "http://127.0.0.1:" + hub.httpPort();
        Files.writeString(hub.home().resolve("etc/org.integrationhub.core.cfg"), String.join("\n",
                "publicBaseUrl = " + base,
                "ticketUrlTemplate = https://helpdesk.example.com/tickets/{id}", ""));
        Files.writeString(hub.home().resolve("etc/org.integrationhub.connector.trello-" + NAME + ".cfg"),
                String.join("\n",
                        "integration.name = " + NAME,
                        "api.url = " + trello.url(),
                        "api.key = " + KEY,
                        ".api.token = " + TOKEN,
                        ".api.secret = " + SECRET,
                        "board = " + FakeTrelloServer.BOARD,
                        "list.new = " + FakeTrelloServer.LIST_NEW,
                        "list.done = " + FakeTrelloServer.LIST_DONE, ""));
        hub.start();
        HubHttp http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(180));
        String key = hub.createKey("trello-it", "--scope", "tickets:read", "--scope", "tickets:write", "--scope",
                "integrations:read", "--scope", "integrations:execute", "--rate-limit", "unlimited");
        awaitTrue("the Trello instance ONLINE", Duration.ofSeconds(60),
                () -> status(http, key).startsWith("ONLINE"));

        // Trello's HEAD check (CONTRACT: HEAD → 200), on its own and while register_webhook runs
        assertThat(send("HEAD", base, null, null).statusCode()).isEqualTo(200);
        HubHttp.Answer registered = http.post("/api/v1/integrations/" + NAME + "/actions/register_webhook", key, "{}");
        assertThat(registered.status).as(registered.toString()).isEqualTo(200);
        assertThat(trello.webhookChecks).containsExactly(200);
        assertThat(trello.calls("POST", "/1/webhooks/").get(0).query())
                .containsEntry("callbackURL", base + "/integrations/trello/webhook")
                .containsEntry("idModel", FakeTrelloServer.BOARD);

        // a ticket becomes exactly one card, with the ticket's URL, due time and a label; it is a public link
        String first = createTicket(http, key, "Printer on fire", "urgent");
        awaitTrue("the ticket's card linked", Duration.ofSeconds(30), () -> links(http, key, first).size() == 1);
        FakeTrelloServer.Card card = cardOf(first);
        assertThat(card.name).isEqualTo("Printer on fire");
        assertThat(card.idList).isEqualTo(FakeTrelloServer.LIST_NEW);
        assertThat(card.desc).contains("https://helpdesk.example.com/tickets/" + first);
        assertThat(Instant.parse(card.due).truncatedTo(ChronoUnit.SECONDS)).isEqualTo(Instant.parse(http.get(
                "/api/v1/tickets/" + first, key).json.path("sla_due_at").asText()).truncatedTo(ChronoUnit.SECONDS));
        assertThat(card.idLabels).isNotBlank();
        JsonNode link = links(http, key, first).get(0);
        assertThat(link.path("integration").asText()).isEqualTo(NAME);
        assertThat(link.path("type").asText()).isEqualTo("card");
        assertThat(link.path("key").asText()).isEqualTo(card.id);
        assertThat(link.path("url").asText()).isEqualTo(card.shortUrl());
        assertThat(trello.calls.stream().map(FakeTrelloServer.Call::authorization))
                .allMatch(a -> a != null && a.contains("oauth_token=\"" + TOKEN + "\""));

        // resolving the ticket moves its card to the done list
        assertThat(http.patch("/api/v1/tickets/" + first, key, "{\"status\":\"resolved\"}").status).isEqualTo(200);
        awaitTrue("the card in the done list", Duration.ofSeconds(30),
                () -> FakeTrelloServer.LIST_DONE.equals(card.idList));

        // a signed move to the done list resolves another ticket; a badly signed one changes nothing
        String second = createTicket(http, key, "VPN drops every hour", "high");
        String third = createTicket(http, key, "Badge reader dead", "normal");
        awaitTrue("both cards linked", Duration.ofSeconds(30),
                () -> links(http, key, second).size() == 1 && links(http, key, third).size() == 1);
        String move = moveDelivery("6751a3c2e4b0a1d2c3f4aa01", cardOf(second).id);
        assertThat(send("POST", base, move, sign(move, base, SECRET)).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/tickets/" + second, key).json.path("status").asText()).isEqualTo("resolved");

        String forged = moveDelivery("6751a3c2e4b0a1d2c3f4aa02", cardOf(third).id);
        HttpResponse<String> refused = send("POST", base, forged, sign(forged, base, "another-secret"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(send("POST", base, forged, null).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/tickets/" + third, key).json.path("status").asText()).isEqualTo("open");

        // a person's comment on a card becomes one ticket comment, even if Trello delivers it twice
        String comment = "{\"model\":{\"id\":\"" + FakeTrelloServer.BOARD + "\"},\"action\":{\"id\":"
                + "\"6751a3c2e4b0a1d2c3f4aa03\",\"idMemberCreator\":\"5e679b808e6e8828784b30e1\",\"type\":"
                + "\"commentCard\",\"date\":\"2026-12-05T10:05:00.000Z\",\"data\":{\"text\":\"Badge reader "
                + "replaced\",\"card\":{\"id\":\"" + cardOf(third).id + "\"},\"board\":{\"id\":\""
                + FakeTrelloServer.BOARD + "\"}},\"memberCreator\":{\"id\":\"5e679b808e6e8828784b30e1\","
                + "\"fullName\":\"Grace Hopper\",\"username\":\"grace\"}}}";
        assertThat(send("POST", base, comment, sign(comment, base, SECRET)).statusCode()).isEqualTo(200);
        assertThat(send("POST", base, comment, sign(comment, base, SECRET)).statusCode()).isEqualTo(200);
        JsonNode comments = http.get("/api/v1/tickets/" + third + "/comments", key).json;
        List<String> bodies = new ArrayList<>();
        comments.path("data").forEach(c -> bodies.add(c.path("body").asText()));
        assertThat(bodies).containsExactly("Badge reader replaced");

        Thread.sleep(3000); // time for anything that would wrongly go back to Trello or arrive twice
        assertThat(trello.cards).hasSize(3);
        assertThat(trello.comments).as("the comment from Trello is not echoed back").isEmpty();
        assertThat(trello.calls("PUT", "/1/cards/" + cardOf(second).id)).as("the move from Trello is not echoed")
                .isEmpty();
    }

    private FakeTrelloServer.Card cardOf(String ticketId) {
        List<FakeTrelloServer.Card> cards = trello.cards.stream().filter(c -> c.desc.contains(ticketId)).toList();
        assertThat(cards).as("cards of ticket %s", ticketId).hasSize(1);
        return cards.get(0);
    }

    private static String moveDelivery(String actionId, String cardId) {
        return "{\"model\":{\"id\":\"" + FakeTrelloServer.BOARD + "\",\"name\":\"Support\"},\"action\":{\"id\":\""
                + actionId + "\",\"idMemberCreator\":\"5e679b808e6e8828784b30e1\",\"type\":\"updateCard\","
                + "\"date\":\"2026-12-05T10:10:00.000Z\",\"data\":{\"card\":{\"id\":\"" + cardId + "\",\"idList\":\""
                + FakeTrelloServer.LIST_DONE + "\"},\"old\":{\"idList\":\"" + FakeTrelloServer.LIST_DOING + "\"},"
                + "\"board\":{\"id\":\"" + FakeTrelloServer.BOARD + "\"},\"listBefore\":{\"id\":\""
                + FakeTrelloServer.LIST_DOING + "\",\"name\":\"Doing\"},\"listAfter\":{\"id\":\""
                + FakeTrelloServer.LIST_DONE + "\",\"name\":\"Done\"}},\"memberCreator\":{\"id\":"
                + "\"5e679b808e6e8828784b30e1\",\"fullName\":\"Grace Hopper\",\"username\":\"grace\"}}}";
    }

    /** Trello's signature: base64(HMAC-SHA1(secret, body + callback URL)). */
    private static String sign(String body, String base, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal((body + base + "/integrations/trello/webhook")
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(String method, String base, String body, String signature)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/integrations/trello/webhook"))
                .timeout(Duration.ofSeconds(10)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (signature != null) {
            request.header("X-Trello-Webhook", signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String createTicket(HubHttp http, String key, String subject, String priority) throws Exception {
        HubHttp.Answer created = http.post("/api/v1/tickets", key, HubHttp.ticketJson(subject, priority,
                "ann@example.com"));
        assertThat(created.status).as(created.toString()).isEqualTo(201);
        return created.json.path("id").asText();
    }

    private static List<JsonNode> links(HubHttp http, String key, String ticketId) throws Exception {
        HubHttp.Answer answer = http.get("/api/v1/tickets/" + ticketId + "/links", key);
        List<JsonNode> out = new ArrayList<>();
        if (answer.status == 200 && answer.json != null) {
            answer.json.forEach(out::add);
        }
        return out;
    }

    private static String status(HubHttp http, String key) throws Exception {
        HubHttp.Answer a = http.get("/api/v1/integrations/" + NAME, key);
        return a.status == 200 ? a.json.path("status").asText() + " " + a.json.path("status_detail").asText()
                : a.toString();
    }

    private void awaitTrue(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + timeout + ": " + what + "\n" + karafLog());
    }

    private String karafLog() throws IOException {
        Path log = hub.home().resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log).lines().filter(l -> l.contains("trello")
                || l.contains("ERROR") || l.contains("WARN")).reduce("", (a, b) -> a + b + "\n") : "no karaf.log";
    }

}
