package org.integrationhub.delivery.internal.shared;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.integrationhub.delivery.DeliveryRequest;

/**
 * The rowless deliveries this node's relay handed out whose outcome is not written yet, by event sequence (the relay's
 * position stays below the first of them) and by subscriber (they count as pending in its statistics, and its delivery
 * log lists them as pending). Thread-safe.
 */
public final class Unsettled {

    private final TreeMap<Long, Integer> bySequence = new TreeMap<>();
    private final Map<Subscriber, long[]> bySubscriber = new HashMap<>();
    /** By identity of the request: one sent again after a {@link #clear} is another member than the first. */
    private final Map<DeliveryRequest, Claimed> members = new IdentityHashMap<>();

    public synchronized void add(Claimed c) {
        if (members.putIfAbsent(c.request(), c) != null) {
            return;
        }
        bySequence.merge(c.request().sequence(), 1, Integer::sum);
        long[] s = bySubscriber.computeIfAbsent(subscriber(c), k -> new long[] {0, Long.MAX_VALUE});
        s[0]++;
        s[1] = Math.min(s[1], c.createdAt().toEpochMilli());
    }

    /** Its outcome is written; unknown deliveries (handed out before a {@link #clear}) are ignored. */
    public synchronized void settle(Claimed c) {
        Integer n = bySequence.get(c.request().sequence());
        if (n == null || members.remove(c.request()) == null) {
            return;
        }
        if (n == 1) {
            bySequence.remove(c.request().sequence());
        } else {
            bySequence.put(c.request().sequence(), n - 1);
        }
        long[] s = bySubscriber.get(subscriber(c));
        if (s != null && --s[0] <= 0) {
            bySubscriber.remove(subscriber(c));
        }
    }

    /** @return the smallest event sequence with a delivery unsettled; {@link Long#MAX_VALUE} if none */
    public synchronized long first() {
        return bySequence.isEmpty() ? Long.MAX_VALUE : bySequence.firstKey();
    }

    /** @return how many of the subscriber's deliveries are unsettled */
    public synchronized long count(String kind, String subscriberId) {
        long[] s = bySubscriber.get(new Subscriber(kind, subscriberId));
        return s == null ? 0 : s[0];
    }

    /** @return the creation time of the subscriber's oldest unsettled delivery since it last had none; null if none */
    public synchronized Instant oldest(String kind, String subscriberId) {
        long[] s = bySubscriber.get(new Subscriber(kind, subscriberId));
        return s == null ? null : Instant.ofEpochMilli(s[1]);
    }

    /** @return per subscriber kind: {number unsettled, creation time (epoch ms) of the oldest}, for monitoring */
    public synchronized Map<String, long[]> byKind() {
        Map<String, long[]> out = new HashMap<>();
        bySubscriber.forEach((subscriber, s) -> {
            long[] k = out.computeIfAbsent(subscriber.kind(), x -> new long[] {0, Long.MAX_VALUE});
            k[0] += s[0];
            k[1] = Math.min(k[1], s[1]);
        });
        return out;
    }

    /**
     * @param before only deliveries whose id is below it, or null for all
     * @return the subscriber's unsettled deliveries, newest first, at most {@code limit}
     */
    public synchronized List<Claimed> of(String kind, String subscriberId, String before, int limit) {
        List<Claimed> found = new ArrayList<>();
        for (Claimed c : members.values()) {
            DeliveryRequest r = c.request();
            if (r.kind().equals(kind) && r.subscriberId().equals(subscriberId)
                    && (before == null || r.deliveryId().compareTo(before) < 0)) {
                found.add(c);
            }
        }
        found.sort(Comparator.comparing((Claimed c) -> c.request().deliveryId()).reversed());
        return found.size() > limit ? new ArrayList<>(found.subList(0, limit)) : found;
    }

    /** @return the unsettled delivery with this id */
    public synchronized Optional<Claimed> find(String deliveryId) {
        return members.values().stream().filter(c -> c.request().deliveryId().equals(deliveryId)).findFirst();
    }

    /** Forgets every delivery (the relay takes over anew: it sends again whatever is not written). */
    public synchronized void clear() {
        bySequence.clear();
        bySubscriber.clear();
        members.clear();
    }

    private static Subscriber subscriber(Claimed c) {
        return new Subscriber(c.request().kind(), c.request().subscriberId());
    }
}
