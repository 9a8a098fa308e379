package org.integrationhub.connector.slack.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for the Slack Web API ({@code /api/<method>}) and for response_url endpoints
 * ({@code /response/...}): answers with the payloads Slack documents and records every request.
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

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> overrides = new ConcurrentHashMap<>();
    private final Map<String, Integer> statusOverrides = new ConcurrentHashMap<>();
    private final AtomicInteger ts = new AtomicInteger(1000);
    private volatile Duration delay = Duration.ZERO;

    FakeSlackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::api);
        server.createContext("/response/", this::response);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    String responseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/T1/42/abc";
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
        return List.copyOf(calls);
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits up to 5 s until at least n calls of the method arrived. */
    List<Call> await(String method, int n) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls(method).size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return calls(method);
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = read(exchange.getRequestBody());
        calls.add(new Call(method, form(body), body, exchange.getRequestHeaders().getFirst("Authorization")));
        sleep();
        Integer status = statusOverrides.get(method);
        if (status != null) {
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "30");
            }
            send(exchange, status, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        send(exchange, 200, overrides.getOrDefault(method, documented(method, form(body))));
    }

    private void response(HttpExchange exchange) throws IOException {
        String body = read(exchange.getRequestBody());
        calls.add(new Call("response_url", Map.of(), body, null));
        send(exchange, 200, "ok");
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

    private void sleep() {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    List<String> methods() {
        List<String> m = new ArrayList<>();
        calls.forEach(c -> m.add(c.method()));
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
