package org.integrationhub.webhooks.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.delivery.ThrottlePace;

/**
 * Per-endpoint limit of deliveries per second (a one-second token bucket per endpoint), and the waits of the
 * deliveries it holds back: one step of the limit's pace (1 / perSecond s) each, behind those held back before, so a
 * burst larger than the limit comes back spread at the limit's rate instead of all at once.
 */
final class RateGate {

    private final Map<String, long[]> buckets = new ConcurrentHashMap<>();
    /** Per endpoint: the waits of the deliveries held back. */
    private final Map<String, ThrottlePace> held = new ConcurrentHashMap<>();

    /** @return whether one more delivery to the endpoint may start now */
    boolean tryAcquire(String endpointId, int perSecond) {
        long now = System.nanoTime();
        long[] b = buckets.computeIfAbsent(endpointId, k -> new long[] {now, perSecond});
        synchronized (b) {
            double refill = (now - b[0]) / 1e9 * perSecond;
            if (refill >= 1) {
                b[1] = Math.min(perSecond, b[1] + (long) refill);
                b[0] = now;
            }
            if (b[1] > 0) {
                b[1]--;
                return true;
            }
            return false;
        }
    }

    /** @return how long a delivery {@link #tryAcquire} refused waits: its place at the limit's pace */
    Duration wait(String endpointId, int perSecond) {
        return held.computeIfAbsent(endpointId, k -> new ThrottlePace())
                .next(Duration.ofSeconds(1).dividedBy(Math.max(1, perSecond)));
    }
}
