package org.integrationhub.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The scrape cache: one read per time to live, failures not cached, 0 disables it. */
class CachedTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsOncePerTimeToLive() {
        Cached<Integer> cached = new Cached<>(reads::incrementAndGet, 5000, nanos::get);
        assertThat(cached.get()).isEqualTo(1);
        nanos.addAndGet(4_999_000_000L);
        assertThat(cached.get()).isEqualTo(1);
        nanos.addAndGet(1_000_000L);
        assertThat(cached.get()).isEqualTo(2);
    }

    @Test
    void zeroReadsEveryTime() {
        Cached<Integer> cached = new Cached<>(reads::incrementAndGet, 0, nanos::get);
        assertThat(cached.get()).isEqualTo(1);
        assertThat(cached.get()).isEqualTo(2);
    }

    @Test
    void aFailedReadIsNotCached() {
        Cached<Integer> cached = new Cached<>(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("down");
            }
            return reads.get();
        }, 5000, nanos::get);
        assertThatThrownBy(cached::get).isInstanceOf(IllegalStateException.class);
        assertThat(cached.get()).isEqualTo(2);
        assertThat(cached.get()).isEqualTo(2);
    }
}
