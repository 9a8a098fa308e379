package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The Slack connector as the distribution installs it (its bundle part of the integration-hub feature), with an
 * instance configured by an etc/*.cfg factory configuration pointing at a loopback Slack Web API, written while the
 * hub runs: a ticket created over REST reaches Slack as a chat.postMessage; a signed /ticket slash command creates
 * a ticket that REST returns. The configuration leaves out integration.events: the instance receives every event
 * (its documented default, issue 20). The message's "View Ticket" is the hub-wide ticketUrlTemplate, and the thread
 * is listed at GET /api/v1/tickets/{id}/links with its permalink.
 */
class SlackConnectorIT {

    private static final String SECRET = "it-signing-secret-0123456789abcdef";
    private static final Pattern TICKET_ID = Pattern.compile("\\|([0-9A-Z]{26})>");

    private final List<Map<String, String>> slackCalls = new CopyOnWriteArrayList<>();
    private HttpServer slack;
    private HubProcess hub;

    @BeforeEach
    void start() throws Exception {
        slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext("/api/", exchange -> {
            String method = exchange.getRequestURI().getPath().substring(5);
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            form.put("_method", method);
            slackCalls.add(form);
            String json = switch (method) {
                case "users.info" -> "{\"ok\":true,\"user\":{\"id\":\"" + form.get("user") + "\",\"name\":\"spengler\","
                        + "\"real_name\":\"Egon Spengler\",\"profile\":{\"real_name\":\"Egon Spengler\","
                        + "\"email\":\"spengler@ghostbusters.example.com\"}}}";
                case "chat.getPermalink" -> "{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"permalink\":"
                        + "\"https://ghostbusters.slack.com/archives/C123ABC456/p1503435956000247\"}";
                case "auth.test" -> "{\"ok\":true,\"team\":\"IT\",\"user\":\"hubbot\",\"team_id\":\"T1\"}";
                default -> "{\"ok\":true,\"channel\":\"C123ABC456\",\"ts\":\"1503435956.000247\"}";
            };
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        slack.start();

        Path archive = Paths.get(System.getProperty("hub.distribution"));
        hub = HubProcess.unpack(archive, Paths.get(System.getProperty("project.build.directory", "target"), "slack-it"));
        Files.writeString(hub.home().resolve("etc/org.integrationhub.core.cfg"),
                "ticketUrlTemplate = https://desk.example.com/#/tickets/{id}\n");
    }

    private void configure() throws IOException {
        Files.writeString(hub.home().resolve("etc/org.integrationhub.connector.slack-it.cfg"), String.join("\n",
                "integration.name = slack-it",
                ".bot.token = xoxb-it-token",
                ".signing.secret = " + SECRET,
                "default.channel = #support",
                "api.url = http://127.0.0.1:" + slack.getAddress().getPort() + "/api/", ""));
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.stop();
        }
        slack.stop(0);
    }

    @Test
    void notificationsAndSlashCommandsThroughTheInstalledConnector() throws Exception {
        hub.start();
        HubHttp http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(120));
        configure();
        String key = hub.createKey("slack-it", "--scope", "tickets:read", "--scope", "tickets:write");
        awaitInbound();

        HubHttp.Answer created = http.post("/api/v1/tickets", key,
                HubHttp.ticketJson("Printer on fire", "urgent", "ann@example.com"));
        assertThat(created.status).isEqualTo(201);
        Map<String, String> post = await("chat.postMessage", "Printer on fire");
        assertThat(post.get("channel")).isEqualTo("#support");
        assertThat(post.get("attachments")).contains("#E01E5A");
        String ticketId = created.json.get("id").asText();
        assertThat(post.get("blocks")).contains("assign_to_me").contains(ticketId)
                .contains("https://desk.example.com/#/tickets/" + ticketId);
        HubHttp.Answer links = awaitLinks(http, key, ticketId);
        assertThat(links.json.get(0).get("integration").asText()).isEqualTo("slack-it");
        assertThat(links.json.get(0).get("type").asText()).isEqualTo("thread");
        assertThat(links.json.get(0).get("key").asText()).isEqualTo("C123ABC456:1503435956.000247");
        assertThat(links.json.get(0).get("url").asText())
                .isEqualTo("https://ghostbusters.slack.com/archives/C123ABC456/p1503435956000247");
        assertThat(http.get("/api/v1/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV/links", key).status).isEqualTo(404);

        HttpResponse<String> reply = command("/ticket", "VPN drops every hour");
        assertThat(reply.statusCode()).isEqualTo(200);
        Matcher id = TICKET_ID.matcher(reply.body());
        assertThat(id.find()).as(reply.body()).isTrue();
        HubHttp.Answer fromRest = http.get("/api/v1/tickets/" + id.group(1), key);
        assertThat(fromRest.status).isEqualTo(200);
        assertThat(fromRest.json.get("subject").asText()).isEqualTo("VPN drops every hour");
        assertThat(fromRest.json.get("customer").get("email").asText()).isEqualTo("spengler@ghostbusters.example.com");

        HttpResponse<String> forged = send(commandBody("/close", id.group(1)), "another-secret");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    /** The thread is linked once the root message's answer is stored, just after chat.postMessage. */
    private static HubHttp.Answer awaitLinks(HubHttp http, String key, String ticketId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HubHttp.Answer links = http.get("/api/v1/tickets/" + ticketId + "/links", key);
        while (links.status == 200 && links.json.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            links = http.get("/api/v1/tickets/" + ticketId + "/links", key);
        }
        assertThat(links.status).isEqualTo(200);
        assertThat(links.json.size()).as(links.json.toString()).isEqualTo(1);
        return links;
    }

    /** Waits until the Slack instance serves /integrations/slack/commands (its configuration is read). */
    private void awaitInbound() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = command("/help", "").statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the Slack connector did not come up: last status " + status + "\n"
                + Files.readString(hub.home().resolve("data/log/karaf.log")).lines().filter(l -> l.contains("slack")
                        || l.contains("ERROR")).reduce("", (a, b) -> a + b + "\n"));
    }

    private Map<String, String> await(String method, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Map<String, String> c : slackCalls) {
                if (method.equals(c.get("_method")) && c.toString().contains(containing)) {
                    return c;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + method + " with " + containing + " reached Slack: " + slackCalls);
    }

    private HttpResponse<String> command(String command, String text) throws Exception {
        return send(commandBody(command, text), SECRET);
    }

    private static String commandBody(String command, String text) {
        return "team_id=T1&channel_id=C2147483705&channel_name=support&user_id=U2147483697&user_name=spengler"
                + "&command=" + URLEncoder.encode(command, StandardCharsets.UTF_8)
                + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode("http://127.0.0.1:9/unused", StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String body, String secret) throws Exception {
        String ts = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body)
                .getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                + "/integrations/slack/commands")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }


    private static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
