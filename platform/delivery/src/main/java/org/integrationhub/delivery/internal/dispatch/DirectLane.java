package org.integrationhub.delivery.internal.dispatch;

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
import org.integrationhub.delivery.internal.shared.Claimed;
import org.integrationhub.delivery.internal.shared.Completion;

/**
 * Direct dispatch: the relay hands a new delivery straight to the transport once its transaction has committed, so a
 * first attempt costs no claim query, no lease and no second parse of the event. Such a delivery is <em>rowless</em>
 * until its outcome is written; where it is recorded meanwhile, what a crash resends and how order is kept are the
 * rules of {@link org.integrationhub.delivery.internal the engine's package doc}. Only the relay's node dispatches
 * directly (the relay runs on one node at a time).
 *
 * <p>Order per (kind, subscriber, ticket) is kept by a <em>chain</em> per queue key, across relay batches. A chain
 * stops at any outcome that is not final (a retry, an absent or a disabled subscriber, an outcome that could not be
 * written): its remaining deliveries, and any of its queue the relay takes before all of them are written, are handed
 * back to the claim path as rows, in order. Chains are forgotten only by {@link #sweep}, which the relay calls before
 * it reads the open rows of a batch: a chain that ends meanwhile is still seen, so a row it wrote after that read
 * cannot be overtaken.
 *
 * <p>Thread-safe; every state change happens under one lock, sends happen outside it.
 */
public final class DirectLane {

    /** One queue's deliveries on this node, sent one at a time. */
    private static final class Chain {
        final String key;
        final ArrayDeque<Claimed> queued = new ArrayDeque<>();
        int reserved;
        boolean sending;
        boolean stopped;
        /** Deliveries launched into the chain whose outcome (or hand-back) is not written yet. */
        int unwritten;

        Chain(String key) {
            this.key = key;
        }

        boolean idle() {
            return !sending && reserved == 0 && queued.isEmpty() && unwritten == 0;
        }
    }

    /** A place in a chain, taken by the relay inside its transaction. */
    public static final class Reservation {
        private final Chain chain;
        private final String kind;
        private final String subscriberId;
        /** Joins a stopped chain: handed back to the claim path at launch, after the chain's own. */
        private final boolean handBack;

        private Reservation(Chain chain, String kind, String subscriberId, boolean handBack) {
            this.chain = chain;
            this.kind = kind;
            this.subscriberId = subscriberId;
            this.handBack = handBack;
        }
    }

    /** A delivery the relay made for the lane, with its place in a chain: launched after the relay's commit. */
    public record Handover(Reservation reservation, Claimed claimed) {
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
     * @param lease the lease of a delivery: one still queued after half of it is handed back instead of sent
     */
    public DirectLane(Dispatcher dispatcher, Function<String, DeliveryTransport> transports, Executor executor,
            Clock clock, Duration lease) {
        this.dispatcher = dispatcher;
        this.transports = transports;
        this.executor = executor;
        this.clock = clock;
        this.maxWait = lease.dividedBy(2);
    }

    /** @return whether deliveries of this kind can be dispatched directly: its transport is present */
    public boolean accepts(String kind) {
        return transports.apply(kind) != null;
    }

    /** @return whether the relay may hand out more deliveries for direct dispatch now */
    public boolean hasCapacity() {
        return dispatcher.hasCapacity();
    }

    /**
     * Reserves the next place in the queue's chain for a delivery of the relay's current batch.
     *
     * @param openInDatabase whether the database had a PENDING delivery of this queue when the batch began (read in
     *        the relay's transaction, after {@link #sweep})
     * @return the reservation, or null when the delivery must go through the claim path: its queue has open rows and
     *         no chain, or its subscriber is stalled and has no chain
     */
    public Reservation reserve(String kind, String subscriberId, String queueKey, boolean openInDatabase) {
        synchronized (lock) {
            Chain chain = chains.get(queueKey);
            if (chain != null) {
                if (!chain.stopped) {
                    return take(chain, kind, subscriberId, false);
                }
                if (!chain.idle()) { // some of the chain's deliveries are no rows yet: behind them, as a row
                    return take(chain, kind, subscriberId, true);
                }
                return null; // every delivery of the stopped chain is a row: the claim path orders behind them
            }
        }
        if (openInDatabase || dispatcher.isStalled(kind, subscriberId)) {
            // open rows: the claim path orders behind them; a receiver that hangs: its deliveries wait as rows
            return null;
        }
        synchronized (lock) {
            Chain chain = new Chain(queueKey);
            chains.put(queueKey, chain);
            return take(chain, kind, subscriberId, false);
        }
    }

    private Reservation take(Chain chain, String kind, String subscriberId, boolean handBack) {
        chain.reserved++;
        dispatcher.hold(kind, subscriberId, 1);
        return new Reservation(chain, kind, subscriberId, handBack);
    }

    /** After the relay's commit: queues the deliveries (in event order) and starts the idle chains. */
    public void launch(List<Handover> handovers) {
        List<Runnable> starts = new ArrayList<>();
        List<Claimed> handedBack = new ArrayList<>();
        List<Chain> handedBackChains = new ArrayList<>();
        synchronized (lock) {
            for (Handover h : handovers) {
                Reservation r = h.reservation();
                Chain chain = r.chain;
                Claimed c = h.claimed();
                chain.reserved--;
                chain.unwritten++;
                if (r.handBack || chain.stopped) {
                    handedBack.add(c);
                    handedBackChains.add(chain);
                } else if (chain.sending) {
                    chain.queued.add(c);
                } else {
                    chain.sending = true;
                    starts.add(() -> send(chain, c));
                }
            }
        }
        for (int i = 0; i < handedBack.size(); i++) {
            handBack(handedBackChains.get(i), handedBack.get(i));
        }
        starts.forEach(executor::execute); // signing and sending on the scheduler, not on the relaying pump
    }

    /** After the relay's rollback: gives the places back. */
    public void abandon(List<Reservation> reservations) {
        synchronized (lock) {
            for (Reservation r : reservations) {
                r.chain.reserved--;
            }
        }
        for (Reservation r : reservations) {
            dispatcher.hold(r.kind, r.subscriberId, -1);
        }
    }

    /** Forgets the chains that hold nothing; the relay calls it before it reads a batch's open rows. */
    public void sweep() {
        synchronized (lock) {
            chains.values().removeIf(Chain::idle);
        }
    }

    /**
     * The engine stops: no chain sends anything more. What they still hold is sent again: rowless deliveries by the
     * relay that takes over (its position is behind them), leased rows after their lease; the attempts in flight
     * still record their outcomes.
     */
    public void shutdown() {
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

    /** @return the number of chains that hold something (tests) */
    public int chains() {
        synchronized (lock) {
            return (int) chains.values().stream().filter(c -> !c.idle()).count();
        }
    }

    private void send(Chain chain, Claimed c) {
        synchronized (lock) {
            if (chain.stopped) { // only a shutdown stops a chain between two of its sends
                dispatcher.hold(c.request().kind(), c.request().subscriberId(), -1);
                return;
            }
        }
        if (clock.instant().isAfter(c.startedAt().plus(maxWait))) {
            handBack(chain, c);
            stop(chain);
            return;
        }
        DeliveryTransport transport = transports.apply(c.request().kind());
        dispatcher.start(transport, c.startingAt(clock.instant()), decision -> after(chain, decision));
    }

    /** @param decision what was decided for the chain's last delivery, once written; null if it was not written */
    private void after(Chain chain, Completion.Decision decision) {
        written(chain);
        if (decision == Completion.Decision.DISABLE) {
            synchronized (lock) {
                chain.sending = false;
            }
            cancelSubscriber(chain.key.substring(0, chain.key.lastIndexOf('|') + 1));
            return;
        }
        if (decision != Completion.Decision.DELIVERED && decision != Completion.Decision.FAILED) {
            stop(chain);
            return;
        }
        Claimed next;
        synchronized (lock) {
            next = chain.stopped ? null : chain.queued.poll();
            if (next == null) {
                chain.sending = false;
            }
        }
        if (next != null) {
            executor.execute(() -> send(chain, next));
        }
    }

    /**
     * The subscriber is disabled: its chains send nothing more, and what they hold fails unsent, as its rows do.
     *
     * @param prefix the subscriber's queue keys begin with it ({@code kind|subscriber|})
     */
    private void cancelSubscriber(String prefix) {
        List<Chain> stopped = new ArrayList<>();
        List<Claimed> cancelled = new ArrayList<>();
        synchronized (lock) {
            for (Chain chain : chains.values()) {
                if (chain.key.startsWith(prefix)) {
                    chain.stopped = true;
                    for (Claimed c : chain.queued) {
                        stopped.add(chain);
                        cancelled.add(c);
                    }
                    chain.queued.clear();
                }
            }
        }
        for (int i = 0; i < cancelled.size(); i++) {
            Chain chain = stopped.get(i);
            dispatcher.cancel(cancelled.get(i), "subscriber disabled", decision -> written(chain));
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
        }
        released.forEach(c -> handBack(chain, c));
    }

    private void handBack(Chain chain, Claimed c) {
        dispatcher.release(c, decision -> written(chain));
    }

    private void written(Chain chain) {
        synchronized (lock) {
            chain.unwritten--;
        }
    }
}
