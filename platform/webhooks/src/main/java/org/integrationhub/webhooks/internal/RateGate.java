package org.integrationhub.webhooks.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-endpoint limit of deliveries per second (a one-second token bucket per endpoint). */
final class RateGate {

    private final Map<String, long[]> buckets = new ConcurrentHashMap<>();

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
}
