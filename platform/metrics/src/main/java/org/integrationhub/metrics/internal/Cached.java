package org.integrationhub.metrics.internal;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value read at most once per time to live; scrapes meanwhile share the last one, so a scraper every few seconds
 * (or several scrapers) cannot load the database. A read that fails is not cached: the next call reads again.
 * Thread-safe: concurrent callers wait for one read.
 */
final class Cached<T> {

    private final Supplier<T> source;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private T value;
    private long readAt;
    private boolean present;

    /** @param ttlMillis 0 or less: read on every call */
    Cached(Supplier<T> source, long ttlMillis, LongSupplier nanoTime) {
        this.source = source;
        this.ttlNanos = Math.max(0, ttlMillis) * 1_000_000L;
        this.nanoTime = nanoTime;
    }

    /** @return the value of the last read if it is younger than the time to live; otherwise reads it now */
    synchronized T get() {
        long now = nanoTime.getAsLong();
        if (!present || now - readAt >= ttlNanos) {
            value = source.get();
            readAt = now;
            present = true;
        }
        return value;
    }
}
