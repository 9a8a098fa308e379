package org.integrationhub.connector.slack.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;

/**
 * A loopback stand-in for the Slack Web API ({@code /api/<method>}) and for response_url endpoints
 * ({@code /response/...}), on the test kit's {@link FakeHttpServer}: answers with the payloads Slack documents and
 * exposes every request as a {@link Call}.
 */
final class FakeSlackApi implements AutoCloseable {

    /** One recorded request: the method (or response path), form fields or JSON body, and headers. */
    record Call(String method, Map<String, String> form, String body, String authorization) {
        JsonElement json(String field) {
            return JsonParser.parseString(form.get(field));
        }

        JsonElement bodyJson() {
            return JsonParser.parseString(body);
        }
    }

    private static final String JSON = "application/json; charset=utf-8";

    private final FakeHttpServer server;
    private final Map<String, String> overrides = new ConcurrentHashMap<>();
    private final Map<String, Integer> statusOverrides = new ConcurrentHashMap<>();
    private final AtomicInteger ts = new AtomicInteger(1000);
    private volatile Duration delay = Duration.ZERO;

    FakeSlackApi() throws IOException {
        server = FakeHttpServer.start().otherwise(this::respond);
    }

    String apiUrl() {
        return server.uri("/api/").toString();
    }

    String responseUrl() {
        return server.uri("/response/T1/42/abc").toString();
    }

    /** Answer a method with this JSON instead of the documented success. */
    void answer(String method, String json) {
        overrides.put(method, json);
    }

    /** Answer a method with this HTTP status (and Retry-After: 30 for 429). */
    void status(String method, int status) {
        statusOverrides.put(method, status);
    }

    void delay(Duration d) {
        delay = d;
    }

    List<Call> calls() {
        return server.requests().stream().map(FakeSlackApi::call).toList();
    }

    List<Call> calls(String method) {
        return calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits up to 5 s until at least n calls of the method arrived. */
    List<Call> await(String method, int n) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls(method).size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return calls(method);
    }

    private static Call call(Recorded r) {
        String method = r.path().startsWith("/api/") ? r.path().substring("/api/".length()) : "response_url";
        return method.equals("response_url") ? new Call(method, Map.of(), r.body(), null)
                : new Call(method, form(r.body()), r.body(), r.header("Authorization"));
    }

    private Reply respond(Recorded r) {
        if (!r.path().startsWith("/api/")) {
            return Reply.of(200, "ok").withContentType(JSON);
        }
        String method = r.path().substring("/api/".length());
        Integer status = statusOverrides.get(method);
        Reply reply;
        if (status != null) {
            reply = Reply.of(status, "{\"ok\":false,\"error\":\"ratelimited\"}").withContentType(JSON);
            if (status == 429) {
                reply = reply.withHeader("Retry-After", "30");
            }
        } else {
            reply = Reply.of(200, overrides.getOrDefault(method, documented(method, form(r.body()))))
                    .withContentType(JSON);
        }
        return reply.withDelay(delay);
    }

    /** The success payloads of Slack's method documentation. */
    private String documented(String method, Map<String, String> form) {
        return switch (method) {
            case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"C123ABC456\",\"ts\":\"1503435956."
                    + String.format("%06d", ts.incrementAndGet()) + "\",\"message\":{\"text\":\""
                    + "Here's a message for you\",\"username\":\"ecto1\",\"bot_id\":\"B123ABC456\","
                    + "\"type\":\"message\",\"subtype\":\"bot_message\",\"ts\":\"1503435956.000247\"}}";
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"ts\":\""
                    + form.get("ts") + "\",\"text\":\"Updated text you carefully authored\","
                    + "\"message\":{\"text\":\"Updated text you carefully authored\",\"user\":\"U34567890\"}}";
            case "chat.getPermalink" -> "{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"permalink\":"
                    + "\"https://ghostbusters.slack.com/archives/" + form.get("channel") + "/p"
                    + form.get("message_ts").replace(".", "") + "\"}";
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://subarachnoid.slack.com/\",\"team\":"
                    + "\"Subarachnoid Workspace\",\"user\":\"grace\",\"team_id\":\"T12345678\","
                    + "\"user_id\":\"W12345678\"}";
            case "users.info" -> user(form.get("user"));
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
    }

    static String user(String id) {
        String name = "U0AGRACE".equals(id) ? "grace" : "spengler";
        String real = "U0AGRACE".equals(id) ? "Grace Hopper" : "Egon Spengler";
        return "{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"team_id\":\"T012AB3C4\",\"name\":\"" + name
                + "\",\"deleted\":false,\"color\":\"9f69e7\",\"real_name\":\"" + real + "\",\"tz\":"
                + "\"America/Los_Angeles\",\"tz_label\":\"Pacific Daylight Time\",\"tz_offset\":-25200,"
                + "\"profile\":{\"avatar_hash\":\"ge3b51ca72de\",\"status_text\":\"Print is dead\","
                + "\"status_emoji\":\":books:\",\"real_name\":\"" + real + "\",\"display_name\":\"" + name
                + "\",\"email\":\"" + name + "@ghostbusters.example.com\",\"team\":\"T012AB3C4\"},"
                + "\"is_admin\":true,\"is_owner\":false,\"is_bot\":false,\"updated\":1502138686,"
                + "\"is_app_user\":false,\"has_2fa\":false}}";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.close();
    }
}
