package org.integrationhub.connector.salesforce.internal.sync;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the work on one ticket in this hub node (an event being sent, an action), so a Case is created once even
 * when an event and the {@code create_case} action for the ticket arrive together, and a status change waits for the
 * Case being created. Striped: a fixed number of locks, never growing.
 */
public final class TicketLocks {

    /** The lock of a ticket is busy for longer than the caller can wait. */
    public static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;

        Busy(String ticketId) {
            super("ticket " + ticketId + " is busy");
        }
    }

    /** Work done while holding a ticket's lock. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final ReentrantLock[] stripes = new ReentrantLock[64];
    private final Duration wait;

    public TicketLocks(Duration wait) {
        this.wait = wait;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Runs {@code work} holding the ticket's lock; throws {@link Busy} after the configured wait. */
    public <T, E extends Exception> T with(String ticketId, Work<T, E> work) throws E, Busy {
        ReentrantLock lock = stripes[Math.floorMod(ticketId.hashCode(), stripes.length)];
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy(ticketId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy(ticketId);
        }
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }
}
