package org.integrationhub.delivery.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.integrationhub.delivery.DeliveryMetrics;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.RetryPolicy;
import org.integrationhub.delivery.internal.shared.Claimed;
import org.integrationhub.delivery.internal.shared.Completion;
import org.integrationhub.delivery.internal.shared.Ids;
import org.integrationhub.delivery.internal.shared.Settings;
import org.integrationhub.delivery.internal.shared.Subscriber;
import org.integrationhub.delivery.internal.shared.Unsettled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due deliveries, hands them to the transport of their kind, classifies the outcomes and writes them back in
 * batches. At most {@link Settings#maxInFlight()} attempts are in flight on this node, counted from the claim (or the
 * relay's hand-over) until the outcome is written. A subscriber that holds many of them and answers none for
 * a while (a receiver that hangs until its timeout) is <em>stalled</em>: what it holds no longer counts against the
 * node's budget, its new deliveries wait for the claim path, and the claim skips it until it answers again, so it
 * cannot stall every other subscriber. Transports answer asynchronously, so no thread waits on the network.
 */
public final class Dispatcher {

    /**
     * Outcomes written per transaction, in batches: an embedded database pays most of a write at its commit, so an
     * outcome writer that falls behind catches up in fewer, larger commits.
     */
    static final int WRITE_BATCH_FACTOR = 4;
    /** The shortest wait of a throttled delivery: a limit that names none is not asked again at once. */
    static final Duration MIN_THROTTLE_WAIT = Duration.ofMillis(50);
    /**
     * How long an outcome may wait for others before they are written together, unless {@link Settings#batchSize()}
     * of them wait already: each commit of an embedded database costs far more than the rows it writes, and a writer
     * that commits whatever arrived during its previous commit writes a handful per commit under load.
     */
    static final long WRITE_DELAY_MICROS = 5_000;

    /**
     * A subscriber's deliveries from leasing to outcome, and when it last made progress: its last outcome, or the
     * moment it began holding deliveries after holding none.
     */
    private final class Load {
        final AtomicInteger held = new AtomicInteger();
        volatile long progressAt;
        /** Whether the operator was told it is stalled (only the pump reads and writes it). */
        boolean reported;

        void add(int deliveries, long now) {
            int before = held.getAndAdd(deliveries);
            if (deliveries < 0 || before <= 0) {
                progressAt = now;
            }
        }

        boolean stalled(long now) {
            return held.get() >= settings.stallInFlight() && now - progressAt >= settings.stallTime().toMillis();
        }
    }

    /** An outcome waiting to be written, and who learns the decision once it is (null: nobody). */
    private record Queued(Completion completion, Consumer<Completion.Decision> then) {
    }

    private final Logger logger = LoggerFactory.getLogger(Dispatcher.class);
    private final DeliveryStore store;
    private final Clock clock;
    private final Settings settings;
    private final Executor executor;
    private final Runnable onCompleted;
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * Per subscriber: lock-free, kept for the node's lifetime (one per subscriber ever seen): removing an idle one
     * would need a lock on every count.
     */
    private final ConcurrentHashMap<Subscriber, Load> bySubscriber = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Queued> done = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Unsettled unsettled;
    /** Outcomes of rowless deliveries whose write failed: written again at the next flush (they have no lease). */
    private final ConcurrentLinkedQueue<Queued> unwritten = new ConcurrentLinkedQueue<>();
    /** The outcomes decided on this node, for monitoring. */
    private final OutcomeCounters outcomes = new OutcomeCounters();

    /**
     * @param executor where outcomes are written (never the transport's network thread)
     * @param onCompleted called after outcomes were written (wakes the engine: later events may now be due)
     */
    public Dispatcher(DeliveryStore store, Clock clock, Settings settings, Executor executor, Runnable onCompleted) {
        this(store, clock, settings, executor, onCompleted, new Unsettled());
    }

    /** @param unsettled learns when a rowless delivery's outcome is written */
    public Dispatcher(DeliveryStore store, Clock clock, Settings settings, Executor executor, Runnable onCompleted,
            Unsettled unsettled) {
        this.unsettled = unsettled;
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.executor = executor;
        this.onCompleted = onCompleted;
    }

    /** @return the number of deliveries claimed and started; a full batch means there may be more */
    public int dispatchBatch(Map<String, DeliveryTransport> transports) {
        Set<Subscriber> stalled = stalled();
        int free = Math.min(settings.batchSize(), settings.maxInFlight() - counted(stalled));
        if (free <= 0 || transports.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<Claimed> claimed = store.claim(transports.keySet(), stalled, free, now, now.plus(settings.lease()),
                settings.nodeName() + "/" + Ids.next());
        for (Claimed c : claimed) {
            DeliveryTransport transport = transports.get(c.request().kind());
            hold(c.request().kind(), c.request().subscriberId(), 1);
            start(transport, c, decision -> { });
        }
        return claimed.size();
    }

    /**
     * Counts deliveries of one subscriber as in flight (negative: gives them back unattempted); used for deliveries
     * leased outside a claim (direct dispatch). A delivery that reaches its outcome (or is released) is given back by
     * the dispatcher itself.
     */
    void hold(String kind, String subscriberId, int deliveries) {
        inFlight.addAndGet(deliveries);
        load(kind, subscriberId).add(deliveries, clock.millis());
    }

    /**
     * @return whether this node may take more deliveries: fewer than {@link Settings#maxInFlight()} in flight, not
     *         counting those of stalled subscribers
     */
    boolean hasCapacity() {
        return counted(stalled()) < settings.maxInFlight();
    }

    /**
     * @return whether the subscriber is stalled: at least {@link Settings#stallInFlight()} deliveries in flight and no
     *         outcome for {@link Settings#stallTime()} (a receiver that hangs until its timeout); its new deliveries
     *         wait for the claim path, which skips it until it answers again
     */
    boolean isStalled(String kind, String subscriberId) {
        Load l = bySubscriber.get(new Subscriber(kind, subscriberId));
        return l != null && l.stalled(clock.millis());
    }

    /** @return the stalled subscribers; tells the operator when one stalls or recovers */
    Set<Subscriber> stalled() {
        long now = clock.millis();
        Set<Subscriber> stalled = new HashSet<>();
        bySubscriber.forEach((key, l) -> {
            boolean s = l.stalled(now);
            if (s) {
                stalled.add(key);
            }
            if (s != l.reported) {
                l.reported = s;
                if (s) {
                    logger.warn("Subscriber {} holds {} deliveries and has answered none for {} s: set aside (the "
                            + "others keep flowing); its deliveries wait until it answers again", key, l.held.get(),
                            (now - l.progressAt) / 1000);
                } else {
                    logger.info("Subscriber {} answers again: its deliveries resume", key);
                }
            }
        });
        return stalled;
    }

    /** @return the deliveries in flight that count against {@link Settings#maxInFlight()} */
    private int counted(Set<Subscriber> stalled) {
        int n = inFlight.get();
        for (Subscriber key : stalled) {
            Load l = bySubscriber.get(key);
            n -= l == null ? 0 : l.held.get();
        }
        return n;
    }

    private Load load(String kind, String subscriberId) {
        Subscriber key = new Subscriber(kind, subscriberId);
        Load l = bySubscriber.get(key);
        return l != null ? l : bySubscriber.computeIfAbsent(key, k -> new Load());
    }

    /**
     * Hands a delivery back unsent: its lease is cleared (a rowless one gets its row) and the claim path takes it from
     * there; {@code then} learns once that is written.
     */
    void release(Claimed c, Consumer<Completion.Decision> then) {
        finished(new Completion(c, null, Completion.Decision.RELEASE, clock.instant(), null), then);
    }

    /** Fails a delivery unsent (its subscriber was disabled); {@code then} learns once that is written. */
    void cancel(Claimed c, String error, Consumer<Completion.Decision> then) {
        finished(new Completion(c, DeliveryOutcome.failed(null, null, error, null), Completion.Decision.CANCELLED,
                clock.instant(), null), then);
    }

    /** @return the attempt outcomes decided on this node so far, by kind ({@link OutcomeCounters#snapshot()}) */
    public Map<String, Map<DeliveryMetrics.Outcome, Long>> outcomes() {
        return outcomes.snapshot();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Starts one attempt; its outcome is queued for writing, and once it is written {@code then} learns what was
     * decided ({@code null} if it could not be written: the delivery stays leased and is attempted again after its
     * lease). A chain sends a ticket's next event only then: were it sent on the outcome alone, a crash before the
     * write would send the earlier event again after the later one.
     *
     * @param transport the transport of the delivery's kind, or null while there is none (the subscriber is absent)
     */
    void start(DeliveryTransport transport, Claimed c, Consumer<Completion.Decision> then) {
        CompletionStage<DeliveryOutcome> stage;
        try {
            stage = transport == null
                    ? java.util.concurrent.CompletableFuture.completedFuture(
                            DeliveryOutcome.subscriberAbsent("no transport for kind " + c.request().kind()))
                    : transport.deliver(c.request());
        } catch (RuntimeException e) {
            stage = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((outcome, error) -> {
            DeliveryOutcome o = outcome != null ? outcome
                    : DeliveryOutcome.retry(null, Duration.between(c.startedAt(), clock.instant()),
                            "transport error: " + (error == null ? "no outcome" : error), null, null);
            finished(decide(transport, c, o), then);
        });
    }

    private Completion decide(DeliveryTransport transport, Claimed c, DeliveryOutcome o) {
        Instant now = clock.instant();
        switch (o.result()) {
            case DELIVERED:
                return new Completion(c, o, Completion.Decision.DELIVERED, now, null);
            case FAILED:
                return new Completion(c, o, Completion.Decision.FAILED, now, null);
            case DISABLE:
                logger.warn("Subscriber {} ({}) is gone ({}): its pending deliveries fail", c.request().subscriberId(),
                        c.request().kind(), o.error());
                return new Completion(c, o, Completion.Decision.DISABLE, now, null);
            case SUBSCRIBER_ABSENT:
                boolean expired = c.createdAt().plus(settings.absentRetention()).isBefore(now);
                return new Completion(c, o, expired ? Completion.Decision.ABSENT_EXPIRED : Completion.Decision.ABSENT,
                        now, expired ? null : now.plus(settings.absentRecheck()));
            case THROTTLED:
                Duration wait = o.retryAfter() == null || o.retryAfter().compareTo(MIN_THROTTLE_WAIT) < 0
                        ? MIN_THROTTLE_WAIT : o.retryAfter();
                return new Completion(c, o, Completion.Decision.THROTTLED, now, now.plus(wait));
            default:
                RetryPolicy policy = policy(transport, c.request().subscriberId());
                Duration delay = policy.nextDelay(c.request().attempt());
                if (delay == null) {
                    return new Completion(c, o, Completion.Decision.FAILED, now, null);
                }
                if (o.retryAfter() != null && o.retryAfter().compareTo(delay) > 0) {
                    delay = o.retryAfter();
                }
                return new Completion(c, o, Completion.Decision.RETRY, now, now.plus(delay));
        }
    }

    private RetryPolicy policy(DeliveryTransport transport, String subscriberId) {
        try {
            RetryPolicy p = transport == null ? null : transport.retryPolicy(subscriberId);
            return p == null ? RetryPolicy.DEFAULT : p;
        } catch (RuntimeException e) {
            logger.warn("Retry policy of {} failed; using the default: {}", subscriberId, e.toString());
            return RetryPolicy.DEFAULT;
        }
    }

    private void finished(Completion completion, Consumer<Completion.Decision> then) {
        outcomes.count(completion.claimed().request().kind(), completion.decision());
        load(completion.claimed().request().kind(), completion.claimed().request().subscriberId())
                .add(-1, clock.millis());
        done.add(new Queued(completion, then));
        if (queued.incrementAndGet() % settings.batchSize() == 0) {
            executor.execute(this::flush); // a batch is waiting: at once
        } else if (flushScheduled.compareAndSet(false, true)) {
            later(this::flush);
        }
    }

    private void later(Runnable task) {
        if (executor instanceof ScheduledExecutorService scheduler) {
            scheduler.schedule(task, WRITE_DELAY_MICROS, TimeUnit.MICROSECONDS);
        } else {
            executor.execute(task);
        }
    }

    /**
     * Writes every queued outcome, in batches. One flush runs at a time: outcomes that arrive meanwhile are written
     * by a flush after it, {@link #WRITE_DELAY_MICROS} later at most (group commit), instead of in concurrent small
     * transactions that queue on the database's commit.
     */
    public void flush() {
        flushScheduled.set(false);
        for (Queued q; (q = unwritten.poll()) != null;) {
            done.add(q);
            queued.incrementAndGet();
        }
        if (!flushing.compareAndSet(false, true)) {
            return; // the running flush schedules the next one if anything is left
        }
        try {
            drain();
        } finally {
            flushing.set(false);
        }
        if (!done.isEmpty() && flushScheduled.compareAndSet(false, true)) {
            later(this::flush);
        }
    }

    private void drain() {
        List<Queued> batch = new ArrayList<>();
        for (Queued c; (c = done.poll()) != null;) {
            queued.decrementAndGet();
            batch.add(c);
            if (batch.size() == WRITE_BATCH_FACTOR * settings.batchSize()) {
                write(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<Queued> batch) {
        boolean written = false;
        try {
            store.complete(batch.stream().map(Queued::completion).toList());
            written = true;
        } catch (RuntimeException e) {
            // leased rows: the leases expire and the deliveries are attempted again (at-least-once); rowless ones
            // have no lease: their outcomes are written again at the next flush
            logger.warn("Could not record {} delivery outcome(s); they will be written again (rowless) or retried "
                    + "after the lease: {}", batch.size(), e.toString());
        }
        int finished = 0;
        for (Queued q : batch) {
            Claimed c = q.completion().claimed();
            if (!written && c.rowless()) {
                unwritten.add(q);
                continue;
            }
            finished++;
            if (c.rowless()) {
                unsettled.settle(c);
            }
        }
        inFlight.addAndGet(-finished);
        for (Queued q : batch) {
            if (q.then() != null && (written || !q.completion().claimed().rowless())) {
                try {
                    q.then().accept(written ? q.completion().decision() : null);
                } catch (RuntimeException e) {
                    logger.warn("After writing the outcome of delivery {}: {}",
                            q.completion().claimed().request().deliveryId(), e.toString());
                }
            }
        }
        onCompleted.run();
    }

    /** @return whether outcomes wait to be written again after a failed write */
    public boolean hasUnwritten() {
        return !unwritten.isEmpty();
    }
}
