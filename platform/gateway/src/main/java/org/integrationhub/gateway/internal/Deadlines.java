package org.integrationhub.gateway.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.core.functions.CheckedSupplier;

/**
 * The gateway's time limiter: runs a call on the caller's thread and, when its deadline passes, interrupts that
 * thread (blocking JDK and Jetty HTTP calls, sleeps and waits give up on interruption) and fails the call with a
 * {@link TimeoutException}. A periodic {@link #sweep()} on the shared scheduler finds overdue calls, so a call
 * costs two set operations instead of a thread hand-off (resilience4j's TimeLimiter needs a future running on
 * another thread, which alone costs more than the 2 µs budget). A connector that ignores interruption holds its
 * thread until it returns; its result is then discarded and the call still counts as timed out.
 */
final class Deadlines {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;
    private static final int INTERRUPTED = 3;

    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

    /** One running call. */
    private static final class Call extends AtomicInteger {
        private static final long serialVersionUID = 1L;
        final Thread thread = Thread.currentThread();
        final long deadline;

        Call(long deadline) {
            this.deadline = deadline;
        }
    }

    <T> T run(CheckedSupplier<T> supplier, long timeoutNanos) throws Throwable {
        Call call = new Call(System.nanoTime() + timeoutNanos);
        inFlight.add(call);
        T result;
        try {
            result = supplier.get();
        } catch (Throwable e) {
            if (finish(call)) {
                throw e;
            }
            throw timeout(timeoutNanos);
        } finally {
            inFlight.remove(call);
        }
        if (finish(call)) {
            return result;
        }
        throw timeout(timeoutNanos);
    }

    /** Interrupts every call past its deadline; called periodically. */
    void sweep() {
        long now = System.nanoTime();
        for (Call call : inFlight) {
            if (now - call.deadline >= 0 && call.compareAndSet(RUNNING, TIMED_OUT)) {
                call.thread.interrupt();
                call.set(INTERRUPTED);
            }
        }
    }

    /** @return true if the call finished in time; false if it timed out (its interrupt is then cleared) */
    private static boolean finish(Call call) {
        if (call.compareAndSet(RUNNING, DONE)) {
            return true;
        }
        while (call.get() != INTERRUPTED) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return false;
    }

    private static TimeoutException timeout(long timeoutNanos) {
        return new TimeoutException("no answer within " + timeoutNanos / 1_000_000 + " ms");
    }
}
