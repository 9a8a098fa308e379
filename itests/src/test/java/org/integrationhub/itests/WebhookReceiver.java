package org.integrationhub.itests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 (JDK HttpServer) that checks every delivery with the independent Standard Webhooks
 * verifier (com.standardwebhooks) and the legacy {@code X-Webhook-Signature}, and records arrivals per ticket.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One verified arrival. */
    record Arrival(String webhookId, String ticketId, String type, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    final List<String> rejected = new CopyOnWriteArrayList<>();
    final Map<String, List<String>> bodiesById = new ConcurrentHashMap<>();
    volatile String secret;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** @return the webhook-ids that arrived for a ticket, in arrival order (duplicates included) */
    List<String> arrivalsOf(String ticketId) {
        List<String> ids = new ArrayList<>();
        for (Arrival a : arrivals) {
            if (ticketId.equals(a.ticketId())) {
                ids.add(a.webhookId());
            }
        }
        return ids;
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new HashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        int status = 200;
        try {
            new Webhook(secret).verify(body, headers);
            String legacy = headers.getOrDefault("x-webhook-signature", List.of("")).get(0);
            if (!legacy.equals(legacySignature(secret, body))) {
                throw new IllegalStateException("legacy X-Webhook-Signature does not match");
            }
            String id = headers.get("webhook-id").get(0);
            JsonNode n = JSON.readTree(body);
            JsonNode ticket = n.path("data").path("ticket");
            if (!id.equals(n.path("id").asText()) && !n.path("type").asText().equals("webhook.test")) {
                throw new IllegalStateException("webhook-id " + id + " is not the event id " + n.path("id"));
            }
            bodiesById.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(body);
            arrivals.add(new Arrival(id, ticket.path("id").asText(null), n.path("type").asText(), body));
        } catch (Exception e) {
            rejected.add(e + " :: " + headers.get("webhook-id"));
            status = 400;
        }
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    static String legacySignature(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(body.getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
