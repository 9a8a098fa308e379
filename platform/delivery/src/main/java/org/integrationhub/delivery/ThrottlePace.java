package org.integrationhub.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The waits of deliveries a limit of N per period holds back ({@link DeliveryOutcome#throttled}): each gets one step of
 * the limit's pace (period / N) behind those held back before it, so a burst larger than the limit comes back spread
 * over the time the limit needs for it, instead of all at once. One instance per limited subscriber. Thread-safe.
 *
 * @since 0.5.0
 */
public final class ThrottlePace {

    /** When the last delivery held back was told to come back ({@code System.nanoTime()}). */
    private final AtomicLong heldUntil = new AtomicLong(System.nanoTime());

    /**
     * @param step the limit's pace: its period divided by its permits; at least a nanosecond is used
     * @return how long the delivery held back now waits
     */
    public Duration next(Duration step) {
        long now = System.nanoTime();
        long nanos = Math.max(1, step.toNanos());
        long at = heldUntil.accumulateAndGet(now + nanos, (previous, earliest) -> Math.max(previous + nanos, earliest));
        return Duration.ofNanos(at - now);
    }
}
