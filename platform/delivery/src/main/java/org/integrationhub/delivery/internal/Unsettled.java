package org.integrationhub.delivery.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.integrationhub.delivery.DeliveryRequest;

/**
 * The rowless deliveries this node's relay handed out whose outcome is not written yet, by event sequence (the relay's
 * position stays below the first of them) and by subscriber (they count as pending in its statistics). Thread-safe.
 */
final class Unsettled {

    private final TreeMap<Long, Integer> bySequence = new TreeMap<>();
    private final Map<Subscriber, long[]> bySubscriber = new HashMap<>();
    /** By identity of the request: one sent again after a {@link #clear} is another member than the first. */
    private final Set<DeliveryRequest> members = Collections.newSetFromMap(new IdentityHashMap<>());

    synchronized void add(Claimed c) {
        if (!members.add(c.request())) {
            return;
        }
        bySequence.merge(c.request().sequence(), 1, Integer::sum);
        long[] s = bySubscriber.computeIfAbsent(subscriber(c), k -> new long[] {0, Long.MAX_VALUE});
        s[0]++;
        s[1] = Math.min(s[1], c.createdAt().toEpochMilli());
    }

    /** Its outcome is written; unknown deliveries (handed out before a {@link #clear}) are ignored. */
    synchronized void settle(Claimed c) {
        Integer n = bySequence.get(c.request().sequence());
        if (n == null || !members.remove(c.request())) {
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
    synchronized long first() {
        return bySequence.isEmpty() ? Long.MAX_VALUE : bySequence.firstKey();
    }

    /** @return how many of the subscriber's deliveries are unsettled */
    synchronized long count(String kind, String subscriberId) {
        long[] s = bySubscriber.get(new Subscriber(kind, subscriberId));
        return s == null ? 0 : s[0];
    }

    /** @return the creation time of the subscriber's oldest unsettled delivery since it last had none; null if none */
    synchronized Instant oldest(String kind, String subscriberId) {
        long[] s = bySubscriber.get(new Subscriber(kind, subscriberId));
        return s == null ? null : Instant.ofEpochMilli(s[1]);
    }

    /** Forgets every delivery (the relay takes over anew: it sends again whatever is not written). */
    synchronized void clear() {
        bySequence.clear();
        bySubscriber.clear();
        members.clear();
    }

    private static Subscriber subscriber(Claimed c) {
        return new Subscriber(c.request().kind(), c.request().subscriberId());
    }
}
