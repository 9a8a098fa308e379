package org.integrationhub.connector.trello.internal.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;

/**
 * What the connector remembers, in the platform's durable {@link LinkStore}: per ticket the public link to its card
 * (type {@value #CARD}, key = card id, url = the card's short URL; listed at {@code GET /api/v1/tickets/{id}/links}
 * and found again by card id when Trello calls back) and private bookkeeping values keyed {@code trello.*}:
 * <ul>
 * <li>{@code trello.create}: a card create whose answer was lost (its outcome is looked up before creating again);</li>
 * <li>{@code trello.list}: {@code done} while the card is, as far as the connector knows, in the list for resolved
 * tickets, {@code new} otherwise (so a status the card already shows is not moved again);</li>
 * <li>{@code trello.label}: the id of the priority label the card was given (replaced when the priority changes);</li>
 * <li>{@code trello.out.<hub comment>}: the Trello comment action a hub comment became ({@code pending} while
 * unknown);</li>
 * <li>{@code trello.in.<trello action>}: the hub comment a Trello comment became ({@code pending} while unknown);</li>
 * <li>{@code trello.echo.<hash of body>}: a ticket comment made from Trello, never sent back;</li>
 * <li>{@code trello.moved}: the time of the last card move taken from a webhook, so an older one arriving late is
 * ignored;</li>
 * <li>{@code trello.actions}: the last {@value #SEEN} webhook actions handled for the ticket, to drop replays.</li>
 * </ul>
 * and, under the pseudo ticket {@value #INSTANCE}, {@code trello.webhook}: the callback URL of the webhook this
 * instance registered at Trello.
 */
public final class SyncState {

    /** Type of the public link to a ticket's card. */
    public static final String CARD = "card";
    /** The pseudo ticket id of instance-wide values. */
    static final String INSTANCE = "~instance";
    static final String PENDING = "pending";
    /** How many handled webhook actions are remembered per ticket (24-character ids: 25 × 39 < 1000). */
    static final int SEEN = 39;

    private final LinkStore links;
    private final String instance;

    public SyncState(LinkStore links, String instance) {
        this.links = links;
        this.instance = instance;
    }

    public Optional<TicketLink> card(String ticketId) {
        return links.link(instance, ticketId, CARD);
    }

    /** @return the link (and so the ticket) of a card, if the card is one of this instance's */
    public Optional<TicketLink> ticketOf(String cardId) {
        return links.findByKey(instance, CARD, cardId);
    }

    void linkCard(String ticketId, String cardId, String url) {
        links.putLink(new TicketLink(instance, ticketId, CARD, cardId, url));
    }

    boolean createPending(String ticketId) {
        return links.get(instance, ticketId, "trello.create").isPresent();
    }

    void markCreatePending(String ticketId) {
        links.put(instance, ticketId, "trello.create", PENDING);
    }

    void clearCreatePending(String ticketId) {
        links.remove(instance, ticketId, "trello.create");
    }

    /** @return whether the card is in the list for resolved tickets, as far as the connector knows */
    public boolean inDone(String ticketId) {
        return links.get(instance, ticketId, "trello.list").filter("done"::equals).isPresent();
    }

    /** Records where the card is now: in the list for resolved tickets or not. */
    public void markPlacement(String ticketId, boolean done) {
        links.put(instance, ticketId, "trello.list", done ? "done" : "new");
    }

    Optional<String> label(String ticketId) {
        return links.get(instance, ticketId, "trello.label");
    }

    void recordLabel(String ticketId, String labelId) {
        links.put(instance, ticketId, "trello.label", labelId);
    }

    Optional<String> sent(String ticketId, String hubCommentId) {
        return links.get(instance, ticketId, "trello.out." + hubCommentId);
    }

    void markSendPending(String ticketId, String hubCommentId) {
        links.put(instance, ticketId, "trello.out." + hubCommentId, PENDING);
    }

    void clearSendPending(String ticketId, String hubCommentId) {
        links.remove(instance, ticketId, "trello.out." + hubCommentId);
    }

    void recordSent(String ticketId, String hubCommentId, String actionId) {
        links.put(instance, ticketId, "trello.out." + hubCommentId, actionId);
    }

    /** @return the hub comment a Trello comment became, {@code pending} while unknown, or empty */
    public Optional<String> imported(String ticketId, String actionId) {
        return links.get(instance, ticketId, "trello.in." + actionId);
    }

    /** Before a Trello comment is added to the ticket: its import is under way, and its body must not go back. */
    public void markImportPending(String ticketId, String actionId, String body) {
        links.put(instance, ticketId, "trello.echo." + hash(body), actionId);
        links.put(instance, ticketId, "trello.in." + actionId, PENDING);
    }

    /** @return whether the import of this Trello comment was started but its outcome is not recorded */
    public boolean importPending(String ticketId, String actionId) {
        return imported(ticketId, actionId).filter(PENDING::equals).isPresent();
    }

    public void recordImported(String ticketId, String actionId, String hubCommentId) {
        links.put(instance, ticketId, "trello.in." + actionId, hubCommentId);
    }

    /** @return whether a ticket comment with this body was made from a Trello comment (so it must not go back) */
    boolean fromTrello(String ticketId, String body) {
        return links.get(instance, ticketId, "trello.echo." + hash(body)).isPresent();
    }

    /** @return the time of the last card move applied from a webhook, if any */
    public Optional<Instant> lastMove(String ticketId) {
        return links.get(instance, ticketId, "trello.moved").map(Instant::parse);
    }

    public void recordMove(String ticketId, Instant when) {
        links.put(instance, ticketId, "trello.moved", when.toString());
    }

    /** @return whether this webhook action was handled for the ticket before */
    public boolean seen(String ticketId, String actionId) {
        return seenActions(ticketId).contains(actionId);
    }

    /** Remembers a handled webhook action (the oldest beyond {@value #SEEN} are forgotten). */
    public void markSeen(String ticketId, String actionId) {
        List<String> seen = new ArrayList<>(seenActions(ticketId));
        if (seen.contains(actionId)) {
            return;
        }
        seen.add(actionId);
        while (seen.size() > SEEN || String.join(",", seen).length() > 1000) {
            seen.remove(0);
        }
        links.put(instance, ticketId, "trello.actions", String.join(",", seen));
    }

    private List<String> seenActions(String ticketId) {
        return links.get(instance, ticketId, "trello.actions").filter(v -> !v.isEmpty())
                .map(v -> Arrays.asList(v.split(","))).orElse(List.of());
    }

    /** @return the callback URL of the webhook this instance registered, if any */
    public Optional<String> registeredCallback() {
        return links.get(instance, INSTANCE, "trello.webhook");
    }

    public void recordWebhook(String callbackUrl) {
        links.put(instance, INSTANCE, "trello.webhook", callbackUrl);
    }

    private static String hash(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
