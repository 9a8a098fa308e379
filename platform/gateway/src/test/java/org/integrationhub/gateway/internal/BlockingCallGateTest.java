package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockingCallGateTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(6);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void neverOccupiesMoreThreadsThanItsLimitAndRunsEveryCall() throws Exception {
        BlockingCallGate gate = new BlockingCallGate(pool, 2);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(40);
        for (int i = 0; i < 40; i++) {
            gate.execute(() -> {
                max.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                now.decrementAndGet();
                done.countDown();
            });
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(max.get()).isEqualTo(2);
        // the last call counted down inside its task; the gate releases its thread just after
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (gate.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(gate.running()).isZero();
        assertThat(gate.queued()).isZero();
    }

    @Test
    void leavesTheOtherThreadsFreeWhileItsCallsBlock() throws Exception {
        BlockingCallGate gate = new BlockingCallGate(pool, 2);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            gate.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        // the pool has 6 threads; 10 blocked calls hold only 2 of them
        CountDownLatch other = new CountDownLatch(4);
        IntStream.range(0, 4).forEach(i -> pool.execute(other::countDown));
        assertThat(other.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.running()).isEqualTo(2);
        assertThat(gate.queued()).isEqualTo(8);
        release.countDown();
    }

    @Test
    void runsQueuedCallsInSubmissionOrder() throws Exception {
        BlockingCallGate gate = new BlockingCallGate(pool, 1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            int n = i;
            gate.execute(() -> {
                order.add(n);
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    }
}
