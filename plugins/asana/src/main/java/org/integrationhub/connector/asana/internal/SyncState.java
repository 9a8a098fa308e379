package org.integrationhub.connector.asana.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;

/**
 * The instance's durable bookkeeping in the platform's {@link LinkStore}: the public link of a ticket's task (type
 * {@value #TASK}, key = task gid, url = its permalink; listed at {@code GET /api/v1/tickets/{id}/links} and found
 * again by gid when Asana reports a change) and private values per ticket — the last hub event handled, a create or
 * comment whose outcome is unknown, the task's last known completion, the story gids the connector wrote (never
 * echoed back) and the story gids it took in (taken in once). Lists are bounded to the newest {@value #KEEP}.
 */
final class SyncState {

    static final String TASK = "task";
    static final int KEEP = 40;
    private static final String SEQUENCE = "asana.seq";
    private static final String CREATING = "asana.creating";
    private static final String COMMENTING = "asana.commenting";
    private static final String COMPLETED = "asana.completed";
    private static final String OWN_STORIES = "asana.own";
    private static final String SEEN_STORIES = "asana.seen";
    private static final String FROM_ASANA = "asana.in.";

    private final LinkStore store;
    private final String instance;
    private final Object[] locks = new Object[64];

    SyncState(LinkStore store, String instance) {
        this.store = store;
        this.instance = instance;
        Arrays.setAll(locks, i -> new Object());
    }

    /**
     * @return the monitor that orders, for one ticket, taking in an Asana comment (hub comment + its marker) against
     *         the check whether a comment.added came from Asana; never held during a remote call
     */
    Object lock(String ticketId) {
        return locks[Math.floorMod(ticketId.hashCode(), locks.length)];
    }

    Optional<TicketLink> task(String ticketId) {
        return store.link(instance, ticketId, TASK);
    }

    Optional<TicketLink> ticketOfTask(String taskGid) {
        return store.findByKey(instance, TASK, taskGid);
    }

    void linkTask(String ticketId, AsanaClient.Task task) {
        store.putLink(new TicketLink(instance, ticketId, TASK, task.gid(), task.permalinkUrl()));
        store.put(instance, ticketId, COMPLETED, Boolean.toString(task.completed()));
    }

    long lastSequence(String ticketId) {
        return store.get(instance, ticketId, SEQUENCE).map(SyncState::parseLong).orElse(-1L);
    }

    void handled(String ticketId, long sequence) {
        store.put(instance, ticketId, SEQUENCE, Long.toString(sequence));
    }

    Optional<String> pendingCreate(String ticketId) {
        return store.get(instance, ticketId, CREATING);
    }

    void creating(String ticketId, String eventId) {
        store.put(instance, ticketId, CREATING, eventId);
    }

    void created(String ticketId) {
        store.remove(instance, ticketId, CREATING);
    }

    Optional<String> pendingComment(String ticketId) {
        return store.get(instance, ticketId, COMMENTING);
    }

    void commenting(String ticketId, String eventId) {
        store.put(instance, ticketId, COMMENTING, eventId);
    }

    void commented(String ticketId, String storyGid) {
        remember(ticketId, OWN_STORIES, storyGid);
        store.remove(instance, ticketId, COMMENTING);
    }

    /** @return the task's completion as last written or seen, if known */
    Optional<Boolean> knownCompleted(String ticketId) {
        return store.get(instance, ticketId, COMPLETED).map(Boolean::parseBoolean);
    }

    void completed(String ticketId, boolean completed) {
        store.put(instance, ticketId, COMPLETED, Boolean.toString(completed));
    }

    boolean isOwnStory(String ticketId, String storyGid) {
        return list(ticketId, OWN_STORIES).contains(storyGid);
    }

    boolean wasTakenIn(String ticketId, String storyGid) {
        return list(ticketId, SEEN_STORIES).contains(storyGid);
    }

    /** Records that a story became the hub comment {@code commentId}, so its comment.added is not sent back. */
    void tookIn(String ticketId, String storyGid, String commentId) {
        store.put(instance, ticketId, FROM_ASANA + commentId, storyGid);
        remember(ticketId, SEEN_STORIES, storyGid);
    }

    /** @return whether the hub comment came from Asana; forgets it (later redeliveries are older than the sequence) */
    boolean cameFromAsana(String ticketId, String commentId) {
        boolean mine = store.get(instance, ticketId, FROM_ASANA + commentId).isPresent();
        if (mine) {
            store.remove(instance, ticketId, FROM_ASANA + commentId);
        }
        return mine;
    }

    private List<String> list(String ticketId, String key) {
        return store.get(instance, ticketId, key).filter(v -> !v.isEmpty())
                .map(v -> Arrays.asList(v.split(","))).orElse(List.of());
    }

    private void remember(String ticketId, String key, String gid) {
        List<String> gids = new ArrayList<>(list(ticketId, key));
        if (gids.contains(gid)) {
            return;
        }
        gids.add(gid);
        String value = String.join(",", gids.subList(Math.max(0, gids.size() - KEEP), gids.size()));
        while (value.length() > 1000) {
            value = value.substring(value.indexOf(',') + 1);
        }
        store.put(instance, ticketId, key, value);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
