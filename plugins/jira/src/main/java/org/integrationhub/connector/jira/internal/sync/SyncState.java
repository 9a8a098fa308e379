package org.integrationhub.connector.jira.internal.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;

/**
 * What the connector remembers per ticket, in the platform's {@link LinkStore} (durable, so it holds across restarts):
 * the public link to the ticket's issue (type {@value #LINK_TYPE}, listed at {@code GET /api/v1/tickets/{id}/links})
 * and private bookkeeping values, all keyed {@code jira.*}:
 * <ul>
 * <li>{@code jira.create}: a create call whose answer is not known yet (millis of its start);</li>
 * <li>{@code jira.remotelink}: the key of the issue whose remote link points back at the ticket;</li>
 * <li>{@code jira.out.<hub comment>}: the Jira comment a hub comment became ({@code pending|<millis>} while unknown);</li>
 * <li>{@code jira.mine.<jira comment>}: a Jira comment the hub wrote, never imported back;</li>
 * <li>{@code jira.in.<jira comment>}: the hub comment a Jira comment became ({@code pending} while unknown);</li>
 * <li>{@code jira.echo.<hash of body>}: hub comments made from Jira comments with that body, never sent back;</li>
 * <li>{@code jira.webhooks}: the last webhook deliveries handled for the ticket (bounded), to drop duplicates;</li>
 * <li>{@code jira.status}: the issue's last seen status category and the webhook timestamp it came with.</li>
 * </ul>
 */
public final class SyncState {

    /** Type of the public link to a ticket's issue. */
    public static final String LINK_TYPE = "issue";
    static final String PENDING = "pending";
    private static final int MAX_VALUE = 1000;

    /** The issue's status category as last seen, and when. */
    public record Status(String category, long timestamp) {
        boolean done() {
            return "done".equals(category);
        }
    }

    private final LinkStore links;
    private final String instance;

    public SyncState(LinkStore links, String instance) {
        this.links = links;
        this.instance = instance;
    }

    public Optional<TicketLink> issue(String ticketId) {
        return links.link(instance, ticketId, LINK_TYPE);
    }

    public Optional<TicketLink> ticketOf(String issueKey) {
        return links.findByKey(instance, LINK_TYPE, issueKey);
    }

    void link(String ticketId, String key, String url) {
        links.putLink(new TicketLink(instance, ticketId, LINK_TYPE, key, url));
    }

    Optional<Instant> createPending(String ticketId) {
        return links.get(instance, ticketId, "jira.create").map(v -> Instant.ofEpochMilli(Long.parseLong(v)));
    }

    void markCreatePending(String ticketId, Instant now) {
        links.put(instance, ticketId, "jira.create", Long.toString(now.toEpochMilli()));
    }

    void clearCreatePending(String ticketId) {
        links.remove(instance, ticketId, "jira.create");
    }

    /** @return the issue key whose remote link to the ticket is in place, if any */
    Optional<String> remoteLinked(String ticketId) {
        return links.get(instance, ticketId, "jira.remotelink");
    }

    void markRemoteLinked(String ticketId, String key) {
        links.put(instance, ticketId, "jira.remotelink", key);
    }

    /** @return the Jira comment id a hub comment became, {@code pending…} while unknown, or empty */
    Optional<String> sent(String ticketId, String hubCommentId) {
        return links.get(instance, ticketId, "jira.out." + hubCommentId);
    }

    void markSendPending(String ticketId, String hubCommentId) {
        links.put(instance, ticketId, "jira.out." + hubCommentId, PENDING);
    }

    void clearSendPending(String ticketId, String hubCommentId) {
        links.remove(instance, ticketId, "jira.out." + hubCommentId);
    }

    void recordSent(String ticketId, String hubCommentId, String jiraCommentId) {
        links.put(instance, ticketId, "jira.mine." + jiraCommentId, hubCommentId);
        links.put(instance, ticketId, "jira.out." + hubCommentId, jiraCommentId);
    }

    /** @return whether the hub wrote this Jira comment */
    public boolean mine(String ticketId, String jiraCommentId) {
        return links.get(instance, ticketId, "jira.mine." + jiraCommentId).isPresent();
    }

    /** @return the hub comment a Jira comment became, {@code pending} while unknown, or empty */
    Optional<String> imported(String ticketId, String jiraCommentId) {
        return links.get(instance, ticketId, "jira.in." + jiraCommentId);
    }

    /** Before a Jira comment is added to the ticket: its import is under way, and its body must not go back. */
    void markImportPending(String ticketId, String jiraCommentId, String body) {
        links.put(instance, ticketId, "jira.in." + jiraCommentId, PENDING);
        List<String> echo = echoes(ticketId, body);
        echo.add("p:" + jiraCommentId);
        putBounded(ticketId, echoKey(body), echo);
    }

    void clearImportPending(String ticketId, String jiraCommentId, String body) {
        List<String> echo = echoes(ticketId, body);
        echo.remove("p:" + jiraCommentId);
        putBounded(ticketId, echoKey(body), echo);
        links.remove(instance, ticketId, "jira.in." + jiraCommentId);
    }

    void recordImported(String ticketId, String jiraCommentId, String hubCommentId, String body) {
        List<String> echo = echoes(ticketId, body);
        echo.remove("p:" + jiraCommentId);
        echo.add(hubCommentId);
        putBounded(ticketId, echoKey(body), echo);
        links.put(instance, ticketId, "jira.in." + jiraCommentId, hubCommentId);
    }

    /**
     * @return whether a hub comment came from Jira (so it must not be sent there): its id is recorded under its
     *         body's hash, or an import of that body is under way
     */
    boolean fromJira(String ticketId, String hubCommentId, String body) {
        List<String> echo = echoes(ticketId, body);
        return echo.contains(hubCommentId) || echo.stream().anyMatch(e -> e.startsWith("p:"));
    }

    /** @return whether this webhook delivery was handled for the ticket before */
    public boolean seenWebhook(String ticketId, String deliveryId) {
        return webhooks(ticketId).contains(deliveryId);
    }

    /** Remembers a handled webhook delivery; the oldest are forgotten once the value is full. */
    public void rememberWebhook(String ticketId, String deliveryId) {
        List<String> seen = webhooks(ticketId);
        seen.add(deliveryId);
        putBounded(ticketId, "jira.webhooks", seen);
    }

    Optional<Status> status(String ticketId) {
        return links.get(instance, ticketId, "jira.status").map(v -> {
            int bar = v.indexOf('|');
            return new Status(v.substring(0, bar), Long.parseLong(v.substring(bar + 1)));
        });
    }

    void recordStatus(String ticketId, Status status) {
        links.put(instance, ticketId, "jira.status", status.category() + "|" + status.timestamp());
    }

    private List<String> webhooks(String ticketId) {
        return words(links.get(instance, ticketId, "jira.webhooks"));
    }

    private List<String> echoes(String ticketId, String body) {
        return words(links.get(instance, ticketId, echoKey(body)));
    }

    private static List<String> words(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).map(v -> new ArrayList<>(Arrays.asList(v.split(" "))))
                .orElseGet(ArrayList::new);
    }

    private void putBounded(String ticketId, String key, List<String> entries) {
        if (entries.isEmpty()) {
            links.remove(instance, ticketId, key);
            return;
        }
        String value = String.join(" ", entries);
        while (value.length() > MAX_VALUE && entries.size() > 1) {
            entries.remove(0);
            value = String.join(" ", entries);
        }
        links.put(instance, ticketId, key, value);
    }

    static String echoKey(String body) {
        return "jira.echo." + hash(body.strip(), 22);
    }

    /** @return the first {@code length} characters of the unpadded base64url SHA-256 of the text */
    public static String hash(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
