package org.integrationhub.gateway.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs connector calls, which block (the SPI is synchronous), on the shared scheduler while occupying at most
 * {@code limit} of its threads; further calls queue in FIFO order. So a burst of event deliveries to slow
 * connectors never takes every scheduler thread from the rest of the hub (delivery polling, the gateway's own
 * time limiter that interrupts overdue calls). Thread-safe.
 */
final class BlockingCallGate implements Executor {

    private final Executor delegate;
    private final int limit;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();

    BlockingCallGate(Executor delegate, int limit) {
        this.delegate = delegate;
        this.limit = Math.max(1, limit);
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        drain();
    }

    /** @return calls running now */
    int running() {
        return running.get();
    }

    /** @return calls waiting for a thread */
    int queued() {
        return queue.size();
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int r = running.get();
            if (r >= limit) {
                return; // a finishing call drains again
            }
            if (!running.compareAndSet(r, r + 1)) {
                continue;
            }
            Runnable next = queue.poll();
            if (next == null) {
                running.decrementAndGet();
                continue;
            }
            try {
                delegate.execute(() -> run(next));
            } catch (RejectedExecutionException e) {
                running.decrementAndGet();
                throw e;
            }
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } finally {
            running.decrementAndGet();
            drain();
        }
    }
}
