package org.integrationhub.connector.teams.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Bot Connector REST API (v3) calls the bot makes: send an activity to a conversation, update one, reply to one,
 * and read a conversation member (for the e-mail of a Teams user). Each call carries the bot's token; a 401 drops the
 * cached token and the call is tried once more with a new one.
 */
final class BotConnector {

    static final String WHAT = "Bot Connector";

    private final TeamsHttp http;
    private final BotTokens tokens;

    BotConnector(TeamsHttp http, BotTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    /** A Teams user as the Bot Connector describes a conversation member. */
    record Member(String id, String name, String email) {
    }

    /**
     * {@code POST {serviceUrl}/v3/conversations/{conversationId}/activities}
     *
     * @return the new activity's id (the message id)
     */
    String send(String serviceUrl, String conversationId, ObjectNode activity) throws IntegrationException {
        return activityId(call("POST", url(serviceUrl, conversationId, null, "activities"), activity));
    }

    /** {@code POST .../activities/{activityId}}: a reply in the thread of that activity. */
    String reply(String serviceUrl, String conversationId, String activityId, ObjectNode activity)
            throws IntegrationException {
        return activityId(call("POST", url(serviceUrl, conversationId, activityId, "activities"), activity));
    }

    /**
     * {@code PUT .../activities/{activityId}}: replaces the message the bot posted earlier. The activity given is not
     * changed (it may still be posted as a new message when this one is gone).
     */
    void update(String serviceUrl, String conversationId, String activityId, ObjectNode activity)
            throws IntegrationException {
        call("PUT", url(serviceUrl, conversationId, activityId, "activities"), activity.deepCopy().put("id",
                activityId));
    }

    /** {@code GET .../members/{memberId}}: the member's name and e-mail (or user principal name). */
    Member member(String serviceUrl, String conversationId, String memberId) throws IntegrationException {
        JsonNode m = call("GET", url(serviceUrl, conversationId, memberId, "members"), null);
        String email = m.path("email").asText("");
        if (email.isBlank()) {
            email = m.path("userPrincipalName").asText("");
        }
        return new Member(m.path("id").asText(memberId), m.path("name").asText(""), email);
    }

    private JsonNode call(String method, URI uri, ObjectNode body) throws IntegrationException {
        String token = tokens.token();
        HttpResponse<String> response = http.exchange(request(method, uri, body, token), WHAT);
        if (response.statusCode() == 401) {
            tokens.invalidate(token);
            response = http.exchange(request(method, uri, body, tokens.token()), WHAT);
        }
        if (!TeamsHttp.ok(response)) {
            throw TeamsHttp.failure(response, WHAT);
        }
        return Json.parse(response.body());
    }

    private HttpRequest request(String method, URI uri, ObjectNode body, String token) {
        HttpRequest.Builder b = http.request(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            return b.GET().build();
        }
        return b.header("Content-Type", "application/json; charset=utf-8")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
    }

    private static String activityId(JsonNode answer) throws IntegrationException {
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw new IntegrationException(ErrorCategory.REMOTE, WHAT + " answered without an activity id", null);
        }
        return id;
    }

    static URI url(String serviceUrl, String conversationId, String id, String collection) {
        StringBuilder s = new StringBuilder(serviceUrl.replaceAll("/+$", "")).append("/v3/conversations/")
                .append(encode(conversationId)).append('/').append(collection);
        if (id != null) {
            s.append('/').append(encode(id));
        }
        return URI.create(s.toString());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
