package org.integrationhub.connector.jira.internal.inbound;

import java.io.IOException;
import java.util.Optional;

import org.integrationhub.api.Comment;
import org.integrationhub.api.HubException;
import org.integrationhub.connector.jira.internal.client.JiraClient;
import org.integrationhub.connector.jira.internal.sync.CommentSync;
import org.integrationhub.connector.jira.internal.sync.StatusFollower;
import org.integrationhub.connector.jira.internal.sync.SyncState;
import org.integrationhub.connector.jira.internal.sync.TicketLocks;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.TicketLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /integrations/jira/webhook}: Jira's admin webhooks. Verified first (unsigned or badly signed → 401,
 * nothing changes); then, for an issue linked to a ticket: {@code comment_created} adds the comment to the ticket
 * (once, never the hub's own), {@code jira:issue_updated} with a status change makes the ticket follow the issue.
 * A delivery is handled once per ticket: {@code X-Atlassian-Webhook-Identifier} (stable across Jira's retries) and
 * the body's hash are remembered. Anything else is acknowledged with 200 and ignored, so Jira does not retry it.
 */
public final class JiraWebhooks {

    static final String IDENTIFIER = "X-Atlassian-Webhook-Identifier";

    private final Logger logger = LoggerFactory.getLogger(JiraWebhooks.class);
    private final WebhookVerifier verifier;
    private final SyncState state;
    private final TicketLocks locks;
    private final CommentSync comments;
    private final StatusFollower status;
    private final ObjectMapper json;

    public JiraWebhooks(WebhookVerifier verifier, SyncState state, TicketLocks locks, CommentSync comments,
            StatusFollower status, ObjectMapper json) {
        this.verifier = verifier;
        this.state = state;
        this.locks = locks;
        this.comments = comments;
        this.status = status;
        this.json = json;
    }

    public InboundResponse handle(InboundRequest request) {
        String refused = verifier.problem(request);
        if (refused != null) {
            return InboundResponse.unauthorized(refused);
        }
        if (!"POST".equals(request.method())) {
            return InboundResponse.problem(405, "Method Not Allowed", "Jira sends webhooks as POST requests");
        }
        JsonNode payload;
        try {
            payload = json.readTree(request.body());
        } catch (IOException e) {
            return InboundResponse.problem(400, "Bad Request", "the webhook body is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            return InboundResponse.problem(400, "Bad Request", "the webhook body is not a JSON object");
        }
        String event = payload.path("webhookEvent").asText("");
        String key = payload.path("issue").path("key").asText("");
        Optional<TicketLink> link = key.isEmpty() ? Optional.empty() : state.ticketOf(key);
        if (link.isEmpty()) {
            return answer("ignored", event, key.isEmpty() ? "no issue in the payload" : key + " is not linked to a ticket");
        }
        String ticketId = link.get().ticketId();
        String delivery = request.header(IDENTIFIER);
        String deliveryId = (delivery == null || delivery.isBlank() ? "-" : delivery.strip().replace(' ', '_'))
                + ":" + SyncState.hash(request.bodyAsString(), 12);
        try {
            return locks.with(ticketId, () -> handle(ticketId, key, event, payload, deliveryId));
        } catch (TicketLocks.Busy e) {
            return InboundResponse.problem(503, "Service Unavailable", "the ticket is busy; retry later");
        }
    }

    private InboundResponse handle(String ticketId, String key, String event, JsonNode payload, String deliveryId) {
        if (state.seenWebhook(ticketId, deliveryId)) {
            return answer("duplicate", event, "this delivery was handled before");
        }
        String result;
        try {
            result = switch (event) {
                case "comment_created" -> {
                    Optional<Comment> added = comments.importComment(ticketId,
                            JiraClient.comment(payload.path("comment")));
                    yield added.map(c -> "comment " + c.id() + " added to ticket " + ticketId)
                            .orElse("comment not imported (the hub's own, or imported before)");
                }
                case "jira:issue_updated" -> statusChange(ticketId, key, payload);
                default -> "event not synced";
            };
        } catch (HubException e) {
            logger.warn("Jira webhook {} for {} could not change ticket {}: {}", event, key, ticketId, e.getMessage());
            result = "ticket not changed: " + e.getMessage();
        }
        state.rememberWebhook(ticketId, deliveryId);
        return answer("ok", event, result);
    }

    private String statusChange(String ticketId, String key, JsonNode payload) {
        boolean statusChanged = false;
        for (JsonNode item : payload.path("changelog").path("items")) {
            if ("status".equals(item.path("fieldId").asText(item.path("field").asText()))) {
                statusChanged = true;
            }
        }
        if (!statusChanged) {
            return "no status change";
        }
        String category = payload.path("issue").path("fields").path("status").path("statusCategory").path("key")
                .asText("");
        StatusFollower.Effect effect = status.follow(ticketId, key, category, payload.path("timestamp").asLong(0));
        return switch (effect) {
            case RESOLVED -> "ticket " + ticketId + " resolved";
            case REOPENED -> "ticket " + ticketId + " reopened";
            case NONE -> "ticket " + ticketId + " unchanged";
        };
    }

    private InboundResponse answer(String outcome, String event, String detail) {
        ObjectNode body = json.createObjectNode().put("outcome", outcome).put("event", event).put("detail", detail);
        return InboundResponse.json(200, body.toString());
    }
}
