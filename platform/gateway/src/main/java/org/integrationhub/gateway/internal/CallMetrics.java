package org.integrationhub.gateway.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters and a fixed-bucket latency histogram of one integration's calls; lock-free. */
final class CallMetrics {

    static final long[] BOUNDS_MS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Long.MAX_VALUE};

    private final LongAdder calls = new LongAdder();
    private final LongAdder successes = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder[] buckets = new LongAdder[BOUNDS_MS.length];
    private final LongAdder latencyNanos = new LongAdder();
    private volatile long lastLocalRateLimit;

    CallMetrics() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void success(long nanos) {
        calls.increment();
        successes.increment();
        latency(nanos);
    }

    void failure(String cause, long nanos) {
        calls.increment();
        failures.computeIfAbsent(cause, k -> new LongAdder()).increment();
        if (nanos >= 0) {
            latency(nanos);
        }
    }

    /** A call the gateway refused before it reached the connector (rate limit, circuit, bulkhead). */
    void refused(String cause) {
        failure(cause, -1);
        if ("rate_limited_local".equals(cause)) {
            lastLocalRateLimit = System.nanoTime();
        }
    }

    /** @return whether the local rate limiter refused a call within the last {@code nanos} */
    boolean rateLimitedWithin(long nanos) {
        long last = lastLocalRateLimit;
        return last != 0 && System.nanoTime() - last < nanos;
    }

    private void latency(long nanos) {
        latencyNanos.add(nanos);
        long ms = nanos / 1_000_000;
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            if (ms < BOUNDS_MS[i]) {
                buckets[i].increment();
                return;
            }
        }
    }

    long calls() {
        return calls.sum();
    }

    long successes() {
        return successes.sum();
    }

    Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Map<String, Long> histogram() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            out.put(BOUNDS_MS[i] == Long.MAX_VALUE ? "le_inf" : "le_" + BOUNDS_MS[i], buckets[i].sum());
        }
        return out;
    }

    /** @return the sum of the latencies in the histogram, in ms */
    double latencySumMillis() {
        return latencyNanos.sum() / 1e6;
    }

    /** @param q quantile 0..1 @return the upper bound (ms) of the bucket holding it; 0 with no data */
    double quantileMillis(double q) {
        long[] counts = new long[buckets.length];
        long total = 0;
        for (int i = 0; i < buckets.length; i++) {
            counts[i] = buckets[i].sum();
            total += counts[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == counts.length - 1 ? BOUNDS_MS[i - 1] : BOUNDS_MS[i];
            }
        }
        return BOUNDS_MS[BOUNDS_MS.length - 2];
    }
}
