package org.integrationhub.delivery.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.integrationhub.delivery.DeliveryTransport;

/**
 * Direct dispatch: the relay inserts a new delivery already leased to this node and, once its transaction has
 * committed, hands it straight to the transport, so a first attempt costs no claim query, no lease update and no
 * second parse of the event.
 *
 * <p>Order per (kind, subscriber, ticket) is kept by a <em>chain</em> per queue key: the deliveries this node
 * dispatches directly for one queue are sent one after the other, in event order. A chain goes on once a final
 * outcome (delivered, or failed for good) is written, never on the outcome alone (a crash before the write would
 * send the earlier event again after the later one), and stops at any other outcome (a retry, an absent or a
 * disabled subscriber, or an outcome that could not be written): its remaining deliveries are released to the claim
 * path, whose ordering check holds them behind the one that retries.
 * A chain takes the deliveries of one relay batch, and only of a queue that had no open delivery in the database when
 * the batch began: a later event of a queue with anything open (a chain's delivery not yet written, a retry, a
 * delivery another node relayed) waits behind it through the claim path. Every delivery has its committed row, and is
 * leased, before it is sent: crash recovery and other nodes see exactly what the claim path would have left.
 *
 * <p>Thread-safe; every state change happens under one lock, sends happen outside it.
 */
final class DirectLane {

    /** One queue's deliveries on this node, sent one at a time. */
    private static final class Chain {
        final String key;
        final ArrayDeque<Claimed> queued = new ArrayDeque<>();
        int reserved;
        boolean sending;
        boolean stopped;

        Chain(String key) {
            this.key = key;
        }
    }

    /** A place in a chain, taken by the relay inside its transaction. */
    static final class Reservation {
        private final Chain chain;
        private final String kind;
        private final String subscriberId;

        private Reservation(Chain chain, String kind, String subscriberId) {
            this.chain = chain;
            this.kind = kind;
            this.subscriberId = subscriberId;
        }
    }

    private final Object lock = new Object();
    private final Map<String, Chain> chains = new HashMap<>();
    private final Dispatcher dispatcher;
    private final Function<String, DeliveryTransport> transports;
    private final Executor executor;
    private final Clock clock;
    private final Duration maxWait;

    /**
     * @param transports the transport of a kind right now (null while it is absent)
     * @param executor where the next delivery of a chain is started (not the transport's thread)
     * @param lease the lease a direct delivery gets at insertion; one still queued after half of it is released
     *        instead of sent, so no lease can run out during its attempt
     */
    DirectLane(Dispatcher dispatcher, Function<String, DeliveryTransport> transports, Executor executor, Clock clock,
            Duration lease) {
        this.dispatcher = dispatcher;
        this.transports = transports;
        this.executor = executor;
        this.clock = clock;
        this.maxWait = lease.dividedBy(2);
    }

    /** @return whether deliveries of this kind can be dispatched directly: its transport is present */
    boolean accepts(String kind) {
        return transports.apply(kind) != null;
    }

    /** @return whether the relay may lease more deliveries for direct dispatch now */
    boolean hasCapacity() {
        return dispatcher.hasCapacity();
    }

    /**
     * Reserves the next place in the queue's chain for a delivery of the relay's current batch.
     *
     * @param openInDatabase whether the database had a PENDING delivery of this queue when the batch began (read in
     *        the relay's transaction, under the relay lock)
     * @return the reservation, or null when the delivery must go through the claim path: it waits behind the open
     *         one, or its subscriber is stalled
     */
    Reservation reserve(String kind, String subscriberId, String queueKey, boolean openInDatabase) {
        if (openInDatabase) {
            // whoever's it is (a chain of this node, a retry, another node's relay), the claim path orders behind it
            return null;
        }
        if (dispatcher.isStalled(kind, subscriberId)) {
            // a receiver that hangs: its deliveries wait as plain rows, the claim takes them once it answers again
            return null;
        }
        synchronized (lock) {
            Chain chain = chains.get(queueKey);
            if (chain == null || chain.stopped) {
                // nothing of this queue is open: any chain left in the map has every delivery written
                chain = new Chain(queueKey);
                chains.put(queueKey, chain);
            }
            chain.reserved++;
            dispatcher.hold(kind, subscriberId, 1);
            return new Reservation(chain, kind, subscriberId);
        }
    }

    /** After the relay's commit: queues the leased deliveries (in event order) and starts the idle chains. */
    void launch(List<Reservation> reservations, List<Claimed> claimed) {
        List<Runnable> starts = new ArrayList<>();
        List<Claimed> released = new ArrayList<>();
        synchronized (lock) {
            for (int i = 0; i < reservations.size(); i++) {
                Chain chain = reservations.get(i).chain;
                Claimed c = claimed.get(i);
                chain.reserved--;
                if (chain.stopped) {
                    released.add(c);
                    removeIfIdle(chain);
                } else if (chain.sending) {
                    chain.queued.add(c);
                } else {
                    chain.sending = true;
                    starts.add(() -> send(chain, c));
                }
            }
        }
        released.forEach(dispatcher::release);
        starts.forEach(executor::execute); // signing and sending on the scheduler, not on the relaying pump
    }

    /** After the relay's rollback: gives the places back. */
    void abandon(List<Reservation> reservations) {
        synchronized (lock) {
            for (Reservation r : reservations) {
                r.chain.reserved--;
                removeIfIdle(r.chain);
            }
        }
        for (Reservation r : reservations) {
            dispatcher.hold(r.kind, r.subscriberId, -1);
        }
    }

    /**
     * The engine stops: no chain sends anything more. What they still hold stays leased in the database, so a
     * restart of this node releases it at once (another node takes it when the lease ends); the attempts in flight
     * still record their outcomes.
     */
    void shutdown() {
        List<Claimed> dropped = new ArrayList<>();
        synchronized (lock) {
            for (Chain chain : chains.values()) {
                chain.stopped = true;
                dropped.addAll(chain.queued);
                chain.queued.clear();
            }
        }
        for (Claimed c : dropped) {
            dispatcher.hold(c.request().kind(), c.request().subscriberId(), -1);
        }
    }

    /** @return the number of chains (tests) */
    int chains() {
        synchronized (lock) {
            return chains.size();
        }
    }

    private void send(Chain chain, Claimed c) {
        synchronized (lock) {
            if (chain.stopped) { // only a shutdown stops a chain between two of its sends: the delivery stays leased
                dispatcher.hold(c.request().kind(), c.request().subscriberId(), -1);
                return;
            }
        }
        if (clock.instant().isAfter(c.startedAt().plus(maxWait))) {
            dispatcher.release(c);
            stop(chain);
            return;
        }
        Claimed attempt = new Claimed(c.request(), c.leaseOwner(), c.createdAt(), clock.instant());
        DeliveryTransport transport = transports.apply(c.request().kind());
        dispatcher.start(transport, attempt, decision -> after(chain, decision));
    }

    /** @param decision what was decided for the chain's last delivery, once written; null if it was not written */
    private void after(Chain chain, Completion.Decision decision) {
        if (decision != Completion.Decision.DELIVERED && decision != Completion.Decision.FAILED) {
            stop(chain);
            return;
        }
        Claimed next;
        synchronized (lock) {
            next = chain.queued.poll();
            if (next == null) {
                chain.sending = false;
                removeIfIdle(chain);
            }
        }
        if (next != null) {
            executor.execute(() -> send(chain, next));
        }
    }

    /** The chain sends nothing more: what it still holds goes to the claim path. */
    private void stop(Chain chain) {
        List<Claimed> released;
        synchronized (lock) {
            chain.stopped = true;
            chain.sending = false;
            released = new ArrayList<>(chain.queued);
            chain.queued.clear();
            removeIfIdle(chain);
        }
        released.forEach(dispatcher::release);
    }

    private void removeIfIdle(Chain chain) {
        if (!chain.sending && chain.reserved == 0 && chain.queued.isEmpty()) {
            chains.remove(chain.key, chain);
        }
    }
}
