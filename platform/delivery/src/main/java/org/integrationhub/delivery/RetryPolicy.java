package org.integrationhub.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to retry a failed delivery: after attempt {@code n} failed, the next attempt is due after
 * {@code delays().get(n - 1)}, varied by ± {@code jitter} (a fraction, 0..1); after {@code delays().size() + 1} failed
 * attempts the delivery is given up. A subscriber's {@code Retry-After} wins when it is later.
 *
 * @param delays the delay before each retry, in order; empty = never retry
 * @param jitter relative random variation of each delay, 0 (none) to 1 (±100 %)
 * @since 0.1.0
 */
public record RetryPolicy(List<Duration> delays, double jitter) {

    /**
     * The original design's policy: 3 retries with exponential backoff (5 s, 25 s, 125 s) and ±20 % jitter.
     */
    public static final RetryPolicy DEFAULT = exponential(3, Duration.ofSeconds(5), 5, Duration.ofHours(1), 0.2);

    /**
     * The Standard Webhooks / Svix style long schedule: retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
     * (about 28 hours in all), ±20 % jitter.
     */
    public static final RetryPolicy STANDARD_WEBHOOKS = new RetryPolicy(List.of(Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10)), 0.2);

    public RetryPolicy {
        delays = List.copyOf(delays);
        if (jitter < 0 || jitter > 1 || Double.isNaN(jitter)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
        for (Duration d : delays) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + d);
            }
        }
    }

    /**
     * @param maxRetries number of retries after the first attempt (≥ 0)
     * @param first delay before the first retry
     * @param factor growth per retry (≥ 1)
     * @param max cap of a single delay
     * @param jitter relative jitter, 0..1
     * @return an exponential backoff policy
     */
    public static RetryPolicy exponential(int maxRetries, Duration first, double factor, Duration max, double jitter) {
        if (maxRetries < 0 || factor < 1) {
            throw new IllegalArgumentException("maxRetries must be >= 0 and factor >= 1");
        }
        List<Duration> delays = new ArrayList<>();
        double millis = first.toMillis();
        for (int i = 0; i < maxRetries; i++) {
            delays.add(Duration.ofMillis((long) Math.min(millis, max.toMillis())));
            millis *= factor;
        }
        return new RetryPolicy(delays, jitter);
    }

    /** @return the number of attempts in all, the first included */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * @param failedAttempts how many attempts have failed so far (≥ 1)
     * @return the jittered delay before the next attempt, or null if the delivery should be given up
     */
    public Duration nextDelay(int failedAttempts) {
        if (failedAttempts < 1 || failedAttempts > delays.size()) {
            return null;
        }
        long base = delays.get(failedAttempts - 1).toMillis();
        double variation = jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        return Duration.ofMillis(Math.max(0, Math.round(base * (1 + variation))));
    }
}
