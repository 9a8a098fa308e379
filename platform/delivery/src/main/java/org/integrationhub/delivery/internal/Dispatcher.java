package org.integrationhub.delivery.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due deliveries, hands them to the transport of their kind, classifies the outcomes and writes them back in
 * batches. At most {@link Settings#maxInFlight()} attempts are in flight on this node; transports answer
 * asynchronously, so no thread waits on the network.
 */
final class Dispatcher {

    /**
     * Outcomes written per transaction, in batches: an embedded database pays most of a write at its commit, so an
     * outcome writer that falls behind catches up in fewer, larger commits.
     */
    static final int WRITE_BATCH_FACTOR = 4;

    private final Logger logger = LoggerFactory.getLogger(Dispatcher.class);
    private final DeliveryStore store;
    private final Clock clock;
    private final Settings settings;
    private final Executor executor;
    private final Runnable onCompleted;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Completion> done = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean flushing = new AtomicBoolean();

    /**
     * @param executor where outcomes are written (never the transport's network thread)
     * @param onCompleted called after outcomes were written (wakes the engine: later events may now be due)
     */
    Dispatcher(DeliveryStore store, Clock clock, Settings settings, Executor executor, Runnable onCompleted) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.executor = executor;
        this.onCompleted = onCompleted;
    }

    /** @return the number of deliveries claimed and started; a full batch means there may be more */
    int dispatchBatch(Map<String, DeliveryTransport> transports) {
        int free = Math.min(settings.batchSize(), settings.maxInFlight() - inFlight.get());
        if (free <= 0 || transports.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<Claimed> claimed = store.claim(transports.keySet(), free, now, now.plus(settings.lease()),
                settings.nodeName() + "/" + Ids.next());
        for (Claimed c : claimed) {
            DeliveryTransport transport = transports.get(c.request().kind());
            inFlight.incrementAndGet();
            start(transport, c, decision -> { });
        }
        return claimed.size();
    }

    /** Counts deliveries leased outside a claim (direct dispatch) as in flight; negative to give them back. */
    void hold(int deliveries) {
        inFlight.addAndGet(deliveries);
    }

    /** @return whether fewer than {@link Settings#maxInFlight()} deliveries are in flight */
    boolean hasCapacity() {
        return inFlight.get() < settings.maxInFlight();
    }

    /** Hands a leased delivery back unsent: its lease is cleared and the claim path takes it from there. */
    void release(Claimed c) {
        finished(new Completion(c, null, Completion.Decision.RELEASE, clock.instant(), null));
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * Starts one attempt; its outcome is queued for writing, then {@code then} learns what was decided.
     *
     * @param transport the transport of the delivery's kind, or null while there is none (the subscriber is absent)
     */
    void start(DeliveryTransport transport, Claimed c, java.util.function.Consumer<Completion.Decision> then) {
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
            Completion completion = decide(transport, c, o);
            finished(completion);
            then.accept(completion.decision());
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

    private void finished(Completion completion) {
        done.add(completion);
        if (flushScheduled.compareAndSet(false, true)) {
            executor.execute(this::flush);
        }
    }

    /**
     * Writes every queued outcome, in batches. One flush runs at a time: outcomes that arrive meanwhile are written
     * by the running flush in its next batch (group commit) instead of in concurrent small transactions that queue on
     * the database's commit.
     */
    void flush() {
        flushScheduled.set(false);
        while (!done.isEmpty() && flushing.compareAndSet(false, true)) {
            try {
                drain();
            } finally {
                flushing.set(false);
            }
        }
    }

    private void drain() {
        List<Completion> batch = new ArrayList<>();
        for (Completion c; (c = done.poll()) != null;) {
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

    private void write(List<Completion> batch) {
        try {
            store.complete(batch);
        } catch (RuntimeException e) {
            // the leases expire and the deliveries are attempted again: at-least-once
            logger.warn("Could not record {} delivery outcome(s); they will be retried after the lease: {}",
                    batch.size(), e.toString());
        } finally {
            inFlight.addAndGet(-batch.size());
        }
        onCompleted.run();
    }
}
