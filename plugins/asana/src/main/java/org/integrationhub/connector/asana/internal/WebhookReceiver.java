package org.integrationhub.connector.asana.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.integrationhub.api.Comment;
import org.integrationhub.api.HubException;
import org.integrationhub.api.Person;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /integrations/asana/webhook}: the {@code X-Hook-Secret} handshake (only while this instance expects
 * one, see {@link HookSecret}), then {@code X-Hook-Signature} on every delivery, checked on the raw bytes before
 * anything is parsed; anything else is 401, so another instance may take it.
 *
 * <p>Asana's events are compact (a resource gid and an action), so the connector reads the task or story to decide:
 * a linked task completed → its ticket resolved (not completed any more → reopened); a comment story on a linked task
 * written by a person → one ticket comment. Stories the connector wrote are skipped, a story already taken in is
 * not taken in again (replays), and events already handled in this run are not even read again. A retryable Asana
 * failure answers 503, so Asana delivers the batch again (handled parts are then skipped).
 */
final class WebhookReceiver {

    static final String PATH = "webhook";
    static final String HOOK_SECRET = "X-Hook-Secret";
    static final String HOOK_SIGNATURE = "X-Hook-Signature";
    private static final int REMEMBERED_EVENTS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger logger = LoggerFactory.getLogger(WebhookReceiver.class);
    private final String instance;
    private final AsanaClient asana;
    private final SyncState state;
    private final HookSecret secret;
    private final Supplier<TicketService> tickets;
    private final Map<String, Boolean> handledEvents = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_EVENTS;
                }
            });
    private volatile String ownUserGid;

    WebhookReceiver(String instance, AsanaClient asana, SyncState state, HookSecret secret,
            Supplier<TicketService> tickets) {
        this.instance = instance;
        this.asana = asana;
        this.state = state;
        this.secret = secret;
        this.tickets = tickets;
    }

    InboundResponse handle(InboundRequest request) {
        String handshake = request.header(HOOK_SECRET);
        if (handshake != null) {
            if (!"POST".equals(request.method()) || !secret.acceptHandshake(request.query(), handshake)) {
                return InboundResponse.unauthorized("this Asana instance is not establishing a webhook at this URL");
            }
            logger.info("Asana instance '{}' accepted its webhook handshake", instance);
            return new InboundResponse(200, null, null, Map.of(HOOK_SECRET, handshake));
        }
        if (!secret.verifies(request.body(), request.header(HOOK_SIGNATURE))) {
            return InboundResponse.unauthorized(request.header(HOOK_SIGNATURE) == null
                    ? "missing " + HOOK_SIGNATURE + " header" : "signature mismatch");
        }
        if (!"POST".equals(request.method())) {
            return InboundResponse.problem(405, "Method Not Allowed", "Asana sends POST requests");
        }
        JsonNode events;
        try {
            events = JSON.readTree(request.body()).path("events");
        } catch (IOException e) {
            return InboundResponse.problem(400, "Bad Request", "the body is not JSON");
        }
        for (JsonNode event : events) {
            String id = identity(event);
            if (handledEvents.containsKey(id)) {
                continue;
            }
            try {
                take(event);
                handledEvents.put(id, Boolean.TRUE);
            } catch (IntegrationException e) {
                if (e.category().isRetryable()) {
                    logger.debug("Asana instance '{}': event left for Asana to send again", instance, e);
                    return InboundResponse.problem(503, "Service Unavailable",
                            "Asana could not be read back: " + e.getMessage());
                }
                logger.warn("Asana instance '{}' skipped an event: {}", instance, e.getMessage());
                handledEvents.put(id, Boolean.TRUE);
            }
        }
        return InboundResponse.ok();
    }

    private void take(JsonNode event) throws IntegrationException {
        String type = event.path("resource").path("resource_type").asText();
        String action = event.path("action").asText();
        String gid = event.path("resource").path("gid").asText();
        if ("task".equals(type) && "changed".equals(action)
                && "completed".equals(event.path("change").path("field").asText())) {
            taskChanged(gid);
        } else if ("story".equals(type) && "added".equals(action)
                && "task".equals(event.path("parent").path("resource_type").asText())) {
            storyAdded(gid, event.path("parent").path("gid").asText());
        }
    }

    private void taskChanged(String taskGid) throws IntegrationException {
        Optional<TicketLink> link = state.ticketOfTask(taskGid);
        if (link.isEmpty()) {
            return; // not a task of this instance
        }
        String ticketId = link.get().ticketId();
        AsanaClient.Task task = asana.task(taskGid);
        state.completed(ticketId, task.completed());
        Optional<Ticket> ticket = tickets.get().find(ticketId);
        if (ticket.isEmpty()) {
            return;
        }
        TicketStatus now = ticket.get().status();
        TicketStatus wanted = task.completed() ? (now.isActive() ? TicketStatus.RESOLVED : null)
                : (now.isActive() ? null : TicketStatus.OPEN);
        if (wanted != null) {
            try {
                tickets.get().update(ticketId, TicketUpdate.status(wanted));
            } catch (HubException e) {
                logger.debug("Asana instance '{}': ticket {} not moved to {}: {}", instance, ticketId,
                        wanted.wireName(), e.getMessage());
            }
        }
    }

    private void storyAdded(String storyGid, String taskGid) throws IntegrationException {
        Optional<TicketLink> link = state.ticketOfTask(taskGid);
        if (link.isEmpty()) {
            return;
        }
        String ticketId = link.get().ticketId();
        if (state.isOwnStory(ticketId, storyGid) || state.wasTakenIn(ticketId, storyGid)) {
            return;
        }
        AsanaClient.Story story = asana.story(storyGid);
        if (!story.isComment() || story.authorGid() == null || story.text().isBlank()) {
            return; // a system story, or no person wrote it
        }
        if (story.authorGid().equals(ownUser()) && story.text().contains(TaskNotes.SIGNATURE)) {
            return; // the connector's own comment, not yet remembered when Asana reported it
        }
        synchronized (state.lock(ticketId)) {
            if (state.wasTakenIn(ticketId, storyGid)) {
                return;
            }
            try {
                String author = story.authorName().isBlank() ? "Asana user " + story.authorGid() : story.authorName();
                Comment comment = tickets.get().addComment(ticketId, new Person(null, author),
                        story.text(), false);
                state.tookIn(ticketId, storyGid, comment.id());
            } catch (HubException e) {
                logger.warn("Asana instance '{}': a comment on task {} was not added to ticket {}: {}", instance,
                        taskGid, ticketId, e.getMessage());
            }
        }
    }

    private String ownUser() throws IntegrationException {
        String gid = ownUserGid;
        if (gid == null) {
            gid = asana.me().gid();
            ownUserGid = gid;
        }
        return gid;
    }

    /** @return a digest of the event as Asana sent it: a resent batch gives the same identities */
    private static String identity(JsonNode event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(event.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

}
