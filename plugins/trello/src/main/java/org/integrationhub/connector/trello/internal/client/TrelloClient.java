package org.integrationhub.connector.trello.internal.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The few Trello REST calls the connector makes (base URL {@code api.url}, e.g. {@code https://api.trello.com/1}),
 * on the platform's JDK HTTP client. Key and token travel in the {@code Authorization: OAuth oauth_consumer_key=…,
 * oauth_token=…} header Trello accepts, never in a URL, so no URL this class builds carries a credential. Failures
 * are classified by {@link TrelloErrors}. Thread-safe.
 */
public final class TrelloClient {

    /** The Trello member the token belongs to. */
    public record Member(String id, String username, String fullName) {
    }

    /** A card; {@code shortUrl} is what people open. */
    public record Card(String id, String shortUrl, String idList, String desc) {
    }

    /** A board label. */
    public record Label(String id, String name, String color) {
    }

    /** A comment action on a card. */
    public record CommentAction(String id, String memberCreatorId, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many actions one page of {@code GET /cards/{id}/actions} holds (Trello's reference). */
    static final int ACTIONS_PAGE = 50;

    private final HttpClient http;
    private final String base;
    private final String authorization;
    private final Duration timeout;
    private final TrelloErrors errors;

    /**
     * @param http the platform's client
     * @param apiUrl base URL without trailing slash, e.g. {@code https://api.trello.com/1}
     * @param key the API key
     * @param token the user token
     * @param timeout time limit of one call
     */
    public TrelloClient(HttpClient http, String apiUrl, String key, String token, Duration timeout) {
        this.http = http;
        this.base = apiUrl.replaceAll("/+$", "");
        this.authorization = "OAuth oauth_consumer_key=\"" + key + "\", oauth_token=\"" + token + "\"";
        this.timeout = timeout;
        this.errors = new TrelloErrors(List.of(key, token));
    }

    /** {@code GET /members/me}: who the token is (the health check). */
    public Member me() throws IntegrationException {
        JsonNode m = call("GET", "/members/me", Map.of("fields", "id,username,fullName"));
        if (m.path("id").asText("").isEmpty()) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Trello answered GET /members/me without a member id",
                    null);
        }
        return new Member(m.path("id").asText(), m.path("username").asText(), m.path("fullName").asText());
    }

    /** {@code GET /boards/{id}/lists?filter=open}. @return the ids of the board's open lists */
    public Set<String> lists(String board) throws IntegrationException {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode l : call("GET", "/boards/" + segment(board) + "/lists",
                Map.of("fields", "id,name", "filter", "open"))) {
            ids.add(l.path("id").asText());
        }
        return ids;
    }

    /** {@code GET /boards/{id}/labels}. */
    public List<Label> labels(String board) throws IntegrationException {
        List<Label> labels = new ArrayList<>();
        for (JsonNode l : call("GET", "/boards/" + segment(board) + "/labels",
                Map.of("fields", "id,name,color", "limit", "1000"))) {
            labels.add(new Label(l.path("id").asText(), l.path("name").asText(), l.path("color").asText(null)));
        }
        return labels;
    }

    /** {@code POST /labels}: a new label on the board. */
    public Label createLabel(String board, String name, String color) throws IntegrationException {
        JsonNode l = call("POST", "/labels", Map.of("idBoard", board, "name", name, "color", color));
        return new Label(l.path("id").asText(), l.path("name").asText(), l.path("color").asText(null));
    }

    /**
     * {@code POST /cards} at the top of the list.
     *
     * @param due ISO 8601 instant, or null for none
     * @param idLabels label ids, may be empty
     */
    public Card createCard(String idList, String name, String desc, String due, List<String> idLabels)
            throws IntegrationException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("idList", idList);
        params.put("name", name);
        params.put("desc", desc);
        params.put("pos", "top");
        if (due != null) {
            params.put("due", due);
        }
        if (!idLabels.isEmpty()) {
            params.put("idLabels", String.join(",", idLabels));
        }
        Card card = card(call("POST", "/cards", params));
        if (card.id().isEmpty()) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Trello answered POST /cards without a card id", null);
        }
        return card;
    }

    /**
     * {@code GET /boards/{id}/cards}: the board's open cards (id, short URL, list, description). Trello's reference
     * documents no query parameter for this call ("Get Cards on a Board"), so none is sent; its card objects carry
     * every field by default.
     */
    public List<Card> cards(String board) throws IntegrationException {
        List<Card> cards = new ArrayList<>();
        for (JsonNode c : call("GET", "/boards/" + segment(board) + "/cards", Map.of())) {
            cards.add(card(c));
        }
        return cards;
    }

    /** {@code GET /cards/{id}?fields=idLabels}. @return the ids of the card's labels */
    public List<String> cardLabels(String cardId) throws IntegrationException {
        List<String> ids = new ArrayList<>();
        call("GET", "/cards/" + segment(cardId), Map.of("fields", "idLabels")).path("idLabels")
                .forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** {@code PUT /cards/{id}} with the given fields (e.g. {@code name}, {@code desc}, {@code due}, {@code idLabels}). */
    public void updateCard(String cardId, Map<String, String> fields) throws IntegrationException {
        call("PUT", "/cards/" + segment(cardId), fields);
    }

    /** {@code PUT /cards/{id}?idList=…&pos=top}: moves a card to the top of a list. */
    public void moveCard(String cardId, String idList) throws IntegrationException {
        call("PUT", "/cards/" + segment(cardId), Map.of("idList", idList, "pos", "top"));
    }

    /** {@code POST /cards/{id}/actions/comments}. @return the id of the comment action */
    public String addComment(String cardId, String text) throws IntegrationException {
        return call("POST", "/cards/" + segment(cardId) + "/actions/comments", Map.of("text", text))
                .path("id").asText();
    }

    /**
     * {@code GET /cards/{id}/actions?filter=commentCard&page=…}: the card's latest comments (at most 100), newest
     * first. Trello documents {@code filter} and {@code page} for this call (pages of {@value #ACTIONS_PAGE}
     * actions), no {@code limit}: the first two pages are read, the second only if the first is full.
     */
    public List<CommentAction> comments(String cardId) throws IntegrationException {
        List<CommentAction> comments = new ArrayList<>();
        for (int page = 0; page < 2; page++) {
            JsonNode actions = call("GET", "/cards/" + segment(cardId) + "/actions",
                    Map.of("filter", "commentCard", "page", Integer.toString(page)));
            for (JsonNode a : actions) {
                comments.add(new CommentAction(a.path("id").asText(), a.path("idMemberCreator").asText(),
                        a.path("data").path("text").asText()));
            }
            if (actions.size() < ACTIONS_PAGE) {
                break;
            }
        }
        return comments;
    }

    /**
     * {@code POST /webhooks/} (the path as Trello's reference "Create a Webhook" spells it): Trello sends
     * {@code HEAD callbackURL} before it answers and creates the webhook only if that gets 200. A webhook of the
     * same token, model and callback that exists already is a 400 "already exists" for Trello; it is returned as an
     * empty id.
     *
     * @return the new webhook's id, or empty if it existed already
     */
    public Optional<String> createWebhook(String callbackUrl, String idModel, String description)
            throws IntegrationException {
        try {
            return Optional.of(call("POST", "/webhooks/", Map.of("callbackURL", callbackUrl, "idModel", idModel,
                    "description", description)).path("id").asText());
        } catch (TrelloErrors.AlreadyExists e) {
            return Optional.empty();
        }
    }

    private static Card card(JsonNode c) {
        return new Card(c.path("id").asText(), c.path("shortUrl").asText(), c.path("idList").asText(),
                c.path("desc").asText(""));
    }

    private JsonNode call(String method, String path, Map<String, String> params) throws IntegrationException {
        URI uri = URI.create(base + path + query(params));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("User-Agent", "integration-hub-trello")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "Trello unreachable on " + method + " "
                    + path + ": " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "interrupted while calling Trello", null);
        }
        errors.check(method, path, response);
        try {
            String body = response.body();
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Trello answered " + method + " " + path
                    + " with a body that is not JSON", null);
        }
    }

    private static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? '?' : '&').append(encode(k)).append('=')
                .append(encode(v)));
        return q.toString();
    }

    private static String segment(String id) {
        return encode(id);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
