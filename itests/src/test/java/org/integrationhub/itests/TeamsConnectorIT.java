package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Teams connector as the distribution installs it (part of the integration-hub feature), one booted hub for all
 * checks, two instances configured by etc/*.cfg while it runs: {@code teams-flow} (mode workflow) posts one Adaptive
 * Card per new ticket to a loopback Workflows webhook; {@code teams-bot} (mode bot) gets a token from a loopback
 * identity platform, posts the card into the conversation of a loopback Bot Connector and updates that same message
 * on a status change (the message is the ticket's link at GET /api/v1/tickets/{id}/links); a "close" card action
 * signed like Bot Framework (RS256, key published by a loopback OpenID metadata endpoint) closes the ticket, an
 * unsigned one gets 401 and changes nothing.
 */
class TeamsConnectorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_ID = "6f1c0a52-0000-4000-8000-00000000b07";
    private static final String APP_SECRET = "it-app-secret-~0123456789";
    private static final String CONVERSATION = "19:it-channel@thread.tacv2";
    private static final String FLOW = "/workflows/it/triggers/manual/paths/invoke";

    /** What the loopback Microsoft endpoints received. */
    record Call(String method, String path, String authorization, String body) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger messageIds = new AtomicInteger();
    private final KeyPair signingKey = rsa();
    private HttpServer microsoft;
    private HubProcess hub;

    @BeforeEach
    void start() throws Exception {
        microsoft = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        microsoft.createContext("/", this::answer);
        microsoft.start();
        Path archive = Paths.get(System.getProperty("hub.distribution"));
        hub = HubProcess.unpack(archive, Paths.get(System.getProperty("project.build.directory", "target"), "teams-it"));
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.stop();
        }
        microsoft.stop(0);
    }

    @Test
    void workflowCardsBotPostUpdateAndSignedActionsInOneHub() throws Exception {
        hub.start();
        HubHttp http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(120));
        configure();
        String key = hub.createKey("teams-it", "--scope", "tickets:read", "--scope", "tickets:write",
                "--scope", "integrations:read");
        awaitOnline(http, key, "teams-flow");
        awaitOnline(http, key, "teams-bot");

        // workflow mode: one valid card per new ticket
        HubHttp.Answer created = http.post("/api/v1/tickets", key,
                HubHttp.ticketJson("Printer on fire", "urgent", "ann@example.com"));
        assertThat(created.status).isEqualTo(201);
        String id = created.json.get("id").asText();
        Call flowPost = await("the Workflows card of " + id, c -> c.path.equals(FLOW) && c.body.contains(id));
        JsonNode card = assertCardMessage(JSON.readTree(flowPost.body));
        assertThat(card.at("/body/0/items/0/text").asText()).isEqualTo("Printer on fire");
        assertThat(card.at("/body/0/items/0/size").asText()).isEqualTo("Large");
        assertThat(card.at("/body/0/items/0/weight").asText()).isEqualTo("Bolder");
        assertThat(card.at("/body/1/facts/0/title").asText()).isEqualTo("Ticket ID");
        assertThat(card.at("/body/1/facts/0/value").asText()).isEqualTo(id);
        assertThat(card.at("/body/1/facts/1/value").asText()).isEqualTo("Urgent");
        assertThat(card.at("/body/1/facts/2/value").asText()).isEqualTo("C");
        assertThat(card.at("/actions/0/type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(card.at("/actions/0/title").asText()).isEqualTo("Open in Helpdesk");
        assertThat(card.at("/actions/0/url").asText()).isEqualTo("http://127.0.0.1:8181/api/v1/tickets/" + id);
        assertThat(card.path("actions")).as("Workflows cards carry no bot buttons").hasSize(1);

        // bot mode: the card is posted as the bot, once
        String activities = "/v3/conversations/" + CONVERSATION + "/activities";
        Call botPost = await("the bot's card of " + id, c -> c.method.equals("POST") && c.path.equals(activities)
                && c.body.contains(id));
        assertThat(botPost.authorization).isEqualTo("Bearer it-access-token");
        JsonNode botCard = assertCardMessage(JSON.readTree(botPost.body));
        assertThat(botCard.at("/actions/1/verb").asText()).isEqualTo("assign_to_me");
        String messageId = "msg-" + messageIds.get();
        HubHttp.Answer links = http.get("/api/v1/tickets/" + id + "/links", key);
        assertThat(links.status).isEqualTo(200);
        assertThat(links.json.toString()).contains("\"integration\":\"teams-bot\"").contains("\"type\":\"message\"")
                .contains("\"key\":\"" + messageId + "\"");

        // a status change updates that same message instead of posting a new one
        assertThat(http.patch("/api/v1/tickets/" + id, key, "{\"status\":\"pending\"}").status).isEqualTo(200);
        Call update = await("the update of " + messageId, c -> c.method.equals("PUT")
                && c.path.equals(activities + "/" + messageId));
        JsonNode updated = assertCardMessage(JSON.readTree(update.body));
        assertThat(updated.at("/body/1/facts/3/value").asText()).isEqualTo("Pending");
        assertThat(calls.stream().filter(c -> c.method.equals("POST") && c.path.equals(activities)
                && c.body.contains(id))).as("one bot message per ticket").hasSize(1);

        // a signed "close" card action closes the ticket and answers with the refreshed card
        String serviceUrl = "http://127.0.0.1:" + microsoft.getAddress().getPort() + "/";
        ObjectNode close = closeAction(id, serviceUrl);
        HttpResponse<String> unsigned = inbound(close, null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        HttpResponse<String> forged = inbound(close, bearer(rsa(), APP_ID, serviceUrl));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/tickets/" + id, key).json.get("status").asText()).isEqualTo("pending");

        HttpResponse<String> signed = inbound(close, bearer(signingKey, APP_ID, serviceUrl));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(signed.body());
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(answer.at("/value/body/1/facts/3/value").asText()).isEqualTo("Closed");
        assertThat(http.get("/api/v1/tickets/" + id, key).json.get("status").asText()).isEqualTo("closed");

        String log = Files.readString(hub.home().resolve("data/log/karaf.log"));
        assertThat(log).doesNotContain(APP_SECRET).doesNotContain("sig=it-flow-signature");
    }

    private void configure() throws IOException {
        String base = "http://127.0.0.1:" + microsoft.getAddress().getPort();
        Files.writeString(hub.home().resolve("etc/org.integrationhub.connector.teams-flow.cfg"), String.join("\n",
                "integration.name = teams-flow",
                "mode = workflow",
                ".webhook.url = " + base + FLOW + "?api-version=2016-06-01&sig=it-flow-signature",
                "integration.events = ticket.created", ""));
        Files.writeString(hub.home().resolve("etc/org.integrationhub.connector.teams-bot.cfg"), String.join("\n",
                "integration.name = teams-bot",
                "mode = bot",
                "app.id = " + APP_ID,
                ".app.secret = " + APP_SECRET,
                "tenant.id = tenant-it",
                "conversation.id = " + CONVERSATION,
                "service.url = " + base + "/",
                "login.url = " + base,
                "openid.metadata.url = " + base + "/v1/.well-known/openidconfiguration", ""));
    }

    private void awaitOnline(HubHttp http, String key, String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "not listed";
        while (System.nanoTime() < deadline) {
            HubHttp.Answer a = http.get("/api/v1/integrations/" + name, key);
            if (a.status == 200 && "ONLINE".equals(a.json.path("status").asText())) {
                return;
            }
            last = a.toString();
            Thread.sleep(250);
        }
        throw new AssertionError(name + " did not come ONLINE: " + last + "\n"
                + Files.readString(hub.home().resolve("data/log/karaf.log")).lines()
                        .filter(l -> l.contains("teams") || l.contains("ERROR")).reduce("", (x, y) -> x + y + "\n"));
    }

    private Call await(String what, Predicate<Call> match) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Call c : calls) {
                if (match.test(c)) {
                    return c;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + what + " arrived: " + calls.stream().map(c -> c.method + " " + c.path)
                .toList());
    }

    /** A Teams message with one Adaptive Card 1.5 attachment, as Teams needs it; @return the card */
    private static JsonNode assertCardMessage(JsonNode message) {
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("attachments")).hasSize(1);
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.5");
        assertThat(card.path("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        return card;
    }

    // ---- the loopback Microsoft endpoints ----------------------------------------------------------------------

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(method, path, exchange.getRequestHeaders().getFirst("Authorization"), body));
        String base = "http://127.0.0.1:" + microsoft.getAddress().getPort();
        int status = 200;
        String json;
        if (path.equals(FLOW)) {
            status = 202;
            json = "";
        } else if (path.equals("/tenant-it/oauth2/v2.0/token")) {
            json = body.contains("client_secret=" + java.net.URLEncoder.encode(APP_SECRET, StandardCharsets.UTF_8))
                    ? "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"it-access-token\"}" : null;
            if (json == null) {
                status = 401;
                json = "{\"error\":\"invalid_client\"}";
            }
        } else if (path.equals("/v1/.well-known/openidconfiguration")) {
            json = "{\"issuer\":\"https://api.botframework.com\",\"jwks_uri\":\"" + base + "/v1/.well-known/keys\"}";
        } else if (path.equals("/v1/.well-known/keys")) {
            json = jwks(signingKey);
        } else if (method.equals("POST") && path.startsWith("/v3/conversations/")) {
            status = 201;
            json = "{\"id\":\"msg-" + messageIds.incrementAndGet() + "\"}";
        } else if (method.equals("PUT") && path.startsWith("/v3/conversations/")) {
            json = "{\"id\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\"}";
        } else {
            status = 404;
            json = "{}";
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The invoke Teams sends when someone presses the card's Close button. */
    private static ObjectNode closeAction(String ticketId, String serviceUrl) {
        ObjectNode a = JSON.createObjectNode().put("type", "invoke").put("name", "adaptiveCard/action")
                .put("id", "f:it-invoke-1").put("channelId", "msteams").put("serviceUrl", serviceUrl);
        a.putObject("from").put("id", "29:it-user").put("name", "IT Agent");
        a.putObject("conversation").put("id", CONVERSATION + ";messageid=msg-1");
        a.putObject("recipient").put("id", "28:" + APP_ID);
        ObjectNode action = a.putObject("value").put("trigger", "manual").putObject("action")
                .put("type", "Action.Execute").put("verb", "close");
        action.putObject("data").put("verb", "close").put("ticketId", ticketId);
        return a;
    }

    private HttpResponse<String> inbound(ObjectNode activity, String authorization) throws Exception {
        int port = Integer.parseInt(Files.readAllLines(hub.home().resolve("etc/org.ops4j.pax.web.cfg")).stream()
                .filter(l -> l.startsWith("org.osgi.service.http.port")).map(l -> l.split("=")[1].trim())
                .findFirst().orElseThrow());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/integrations/teams/messages")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- Bot Framework's signing, with a test key --------------------------------------------------------------

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(KeyPair key) {
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        ObjectNode doc = JSON.createObjectNode();
        ObjectNode jwk = doc.putArray("keys").addObject().put("kty", "RSA").put("use", "sig").put("kid", "it-key")
                .put("n", b64(unsigned(pub.getModulus()))).put("e", b64(unsigned(pub.getPublicExponent())));
        jwk.putArray("endorsements").add("msteams");
        return doc.toString();
    }

    private static String bearer(KeyPair key, String audience, String serviceUrl) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = JSON.createObjectNode().put("alg", "RS256").put("kid", "it-key").put("typ", "JWT").toString();
        String claims = JSON.createObjectNode().put("iss", "https://api.botframework.com").put("aud", audience)
                .put("serviceurl", serviceUrl).put("nbf", now - 5).put("exp", now + 3600).toString();
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key.getPrivate());
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return "Bearer " + input + "." + b64(rsa.sign());
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
