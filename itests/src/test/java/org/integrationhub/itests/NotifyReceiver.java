package org.integrationhub.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The remote system of the http-notify connector in the test JVM: a loopback JDK HTTP server that records every
 * event post (in arrival order) and counts {@code notify} actions and health pings. Thread-safe.
 */
final class NotifyReceiver implements AutoCloseable {

    /** One received event post. */
    record Received(String eventId, String ticketId, String type, long sequence, String idempotencyKey) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> events = new ArrayList<>();
    private final AtomicInteger notifies = new AtomicInteger();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger malformed = new AtomicInteger();

    NotifyReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    /** @return the URL to configure as the connector's {@code url} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String type = body.path("type").asText();
            switch (type) {
                case "ping" -> pings.incrementAndGet();
                case "notify" -> notifies.incrementAndGet();
                default -> {
                    if (body.path("id").asText().isEmpty() || body.path("ticket_id").asText().isEmpty()) {
                        malformed.incrementAndGet();
                    } else {
                        synchronized (events) {
                            events.add(new Received(body.get("id").asText(), body.get("ticket_id").asText(), type,
                                    body.path("sequence").asLong(), exchange.getRequestHeaders().getFirst("Idempotency-Key")));
                        }
                    }
                }
            }
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException | RuntimeException e) {
            malformed.incrementAndGet();
            throw e;
        }
    }

    /** @return every event post so far, in arrival order (duplicates included) */
    List<Received> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    int eventCount() {
        synchronized (events) {
            return events.size();
        }
    }

    /** @return the distinct event ids of each ticket in the order of their first delivery */
    Map<String, List<String>> firstDeliveryOrder() {
        Map<String, Set<String>> byTicket = new LinkedHashMap<>();
        for (Received r : events()) {
            byTicket.computeIfAbsent(r.ticketId(), t -> new LinkedHashSet<>()).add(r.eventId());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        byTicket.forEach((ticket, ids) -> out.put(ticket, new ArrayList<>(ids)));
        return out;
    }

    int notifies() {
        return notifies.get();
    }

    int malformed() {
        return malformed.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
