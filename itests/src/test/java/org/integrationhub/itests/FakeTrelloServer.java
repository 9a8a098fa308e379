package org.integrationhub.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Trello's REST API on loopback for the distribution test, stateful enough for the connector: the token's member, a
 * board with three lists, labels, cards (created, listed, moved), card comments and webhook creation — which, as
 * Trello does, checks the callback URL with a {@code HEAD} first and creates the webhook only if it answers 200.
 * Answers carry the fields of Trello's documented payloads that matter here. Strict as Trello's reference: a call
 * without {@code Authorization: OAuth oauth_consumer_key="<key>", oauth_token="<token>"} of the configured key and
 * token gets 401 ("invalid key"), one with a query parameter its operation does not document 400.
 */
final class FakeTrelloServer implements AutoCloseable {

    static final String BOARD = "5abbe4b7ddc1b351ef961414";
    static final String LIST_NEW = "5abbe4b7ddc1b351ef961415";
    static final String LIST_DOING = "5abbe4b7ddc1b351ef961416";
    static final String LIST_DONE = "5abbe4b7ddc1b351ef961417";
    static final String OWN_MEMBER = "5c4efa1d25a9692173830e7f";

    /** A card as the connector made it. */
    static final class Card {
        final String id;
        final String name;
        final String desc;
        final String due;
        final String idLabels;
        volatile String idList;

        Card(String id, Map<String, String> q) {
            this.id = id;
            this.name = q.get("name");
            this.desc = q.getOrDefault("desc", "");
            this.due = q.get("due");
            this.idLabels = q.getOrDefault("idLabels", "");
            this.idList = q.get("idList");
        }

        String shortUrl() {
            return "https://trello.com/c/" + id.substring(16);
        }
    }

    /** One request the connector sent. */
    record Call(String method, String path, Map<String, String> query, String authorization) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Card> cards = new CopyOnWriteArrayList<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    final List<Integer> webhookChecks = new CopyOnWriteArrayList<>();
    private int nextId = 0x100;
    private final String authorization;

    /** A Trello that accepts the API key {@code key} with the user token {@code token}. */
    FakeTrelloServer(String key, String token) throws IOException {
        authorization = "OAuth oauth_consumer_key=\"" + key + "\", oauth_token=\"" + token + "\"";
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/1/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/1";
    }

    List<Call> calls(String method, String path) {
        return calls.stream().filter(c -> c.method.equals(method) && c.path.equals(path)).toList();
    }

    private synchronized String newId() {
        return String.format("6751a3c2e4b0a1d2%08x", nextId++);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            calls.add(new Call(method, path, q, auth));
            Object answer = !authorization.equals(auth) ? Integer.valueOf(401)
                    : !documented(method, path, q) ? Integer.valueOf(400) : answer(method, path, q);
            if (answer instanceof Integer status) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } finally {
            exchange.close();
        }
    }

    private Object answer(String method, String path, Map<String, String> q) throws IOException {
        String route = method + " " + path;
        if (route.equals("GET /1/members/me")) {
            return Map.of("id", OWN_MEMBER, "username", "hubbot", "fullName", "Helpdesk Bot");
        }
        if (route.equals("GET /1/boards/" + BOARD + "/lists")) {
            return List.of(list(LIST_NEW, "To Do"), list(LIST_DOING, "Doing"), list(LIST_DONE, "Done"));
        }
        if (route.equals("GET /1/boards/" + BOARD + "/labels")) {
            return List.of();
        }
        if (route.equals("POST /1/labels")) {
            return Map.of("id", newId(), "idBoard", BOARD, "name", q.get("name"), "color", q.get("color"));
        }
        if (route.equals("POST /1/cards")) {
            Card card = new Card(newId(), q);
            cards.add(card);
            return card(card);
        }
        if (route.equals("GET /1/boards/" + BOARD + "/cards")) {
            List<Object> all = new ArrayList<>();
            cards.forEach(c -> all.add(card(c)));
            return all;
        }
        for (Card card : cards) {
            if (route.equals("PUT /1/cards/" + card.id)) {
                card.idList = q.get("idList");
                return card(card);
            }
            if (route.equals("POST /1/cards/" + card.id + "/actions/comments")) {
                comments.add(q.get("text"));
                return Map.of("id", newId(), "idMemberCreator", OWN_MEMBER, "type", "commentCard",
                        "data", Map.of("text", q.get("text"), "card", Map.of("id", card.id)));
            }
            if (route.equals("GET /1/cards/" + card.id + "/actions")) {
                return List.of();
            }
        }
        if (route.equals("POST /1/webhooks/")) { // the path as Trello's reference spells it
            int check = head(q.get("callbackURL"));
            webhookChecks.add(check);
            if (check != 200) {
                return 400;
            }
            return Map.of("id", newId(), "description", q.getOrDefault("description", ""), "idModel",
                    q.get("idModel"), "callbackURL", q.get("callbackURL"), "active", true);
        }
        return 404;
    }

    /** @return whether every query parameter is one Trello's reference documents for the operation */
    private static boolean documented(String method, String path, Map<String, String> q) {
        String id = "[0-9a-f]{24}";
        String route = method + " " + path;
        Set<String> allowed;
        if (route.equals("GET /1/members/me")) {
            allowed = Set.of("fields");
        } else if (route.matches("GET /1/boards/" + id + "/lists")) {
            allowed = Set.of("cards", "card_fields", "filter", "fields");
        } else if (route.matches("GET /1/boards/" + id + "/labels")) {
            allowed = Set.of("fields", "limit");
        } else if (route.matches("GET /1/boards/" + id + "/cards")) {
            allowed = Set.of();
        } else if (route.equals("POST /1/labels")) {
            allowed = Set.of("name", "color", "idBoard");
        } else if (route.equals("POST /1/cards")) {
            allowed = Set.of("name", "desc", "pos", "due", "start", "dueComplete", "idList", "idMembers", "idLabels");
        } else if (route.matches("PUT /1/cards/" + id)) {
            allowed = Set.of("name", "desc", "closed", "idList", "idLabels", "pos", "due", "dueComplete");
        } else if (route.matches("GET /1/cards/" + id)) {
            allowed = Set.of("fields");
        } else if (route.matches("POST /1/cards/" + id + "/actions/comments")) {
            allowed = Set.of("text");
        } else if (route.matches("GET /1/cards/" + id + "/actions")) {
            allowed = Set.of("filter", "page");
        } else if (route.equals("POST /1/webhooks/")) {
            allowed = Set.of("description", "callbackURL", "idModel", "active");
        } else {
            return true; // an unknown route: 404
        }
        return allowed.containsAll(q.keySet());
    }

    private int head(String callbackUrl) throws IOException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(callbackUrl)).timeout(Duration.ofSeconds(10))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Map<String, Object> list(String id, String name) {
        return Map.of("id", id, "name", name, "closed", false, "idBoard", BOARD);
    }

    private static Map<String, Object> card(Card c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id);
        json.put("name", c.name);
        json.put("desc", c.desc);
        json.put("idList", c.idList);
        json.put("idBoard", BOARD);
        json.put("shortLink", c.id.substring(16));
        json.put("shortUrl", c.shortUrl());
        return json;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
