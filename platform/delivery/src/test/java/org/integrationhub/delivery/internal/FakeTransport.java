package org.integrationhub.delivery.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.RetryPolicy;

/**
 * A transport that answers asynchronously on its own "network" thread after a random few milliseconds, records every
 * call, and checks that no delivery is ever in flight twice at once.
 */
final class FakeTransport implements DeliveryTransport {

    record Call(DeliveryRequest request, Instant at) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    final AtomicInteger overlaps = new AtomicInteger();
    volatile Function<DeliveryRequest, DeliveryOutcome> behaviour = r -> DeliveryOutcome.delivered(200, null, "ok");
    volatile RetryPolicy policy = new RetryPolicy(List.of(Duration.ofMillis(50), Duration.ofMillis(50),
            Duration.ofMillis(50)), 0);
    volatile int maxDelayMillis = 5;
    private final ScheduledExecutorService network = Executors.newScheduledThreadPool(2);

    @Override
    public CompletionStage<DeliveryOutcome> deliver(DeliveryRequest request) {
        calls.add(new Call(request, Instant.now()));
        if (inFlight.computeIfAbsent(request.deliveryId(), k -> new AtomicInteger()).incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        CompletableFuture<DeliveryOutcome> f = new CompletableFuture<>();
        Function<DeliveryRequest, DeliveryOutcome> b = behaviour; // as it was when the attempt started
        network.schedule(() -> {
            DeliveryOutcome o = b.apply(request);
            inFlight.get(request.deliveryId()).decrementAndGet();
            if (o != null) {
                f.complete(o);
            }
        }, ThreadLocalRandom.current().nextInt(maxDelayMillis + 1), TimeUnit.MILLISECONDS);
        return f;
    }

    @Override
    public RetryPolicy retryPolicy(String subscriberId) {
        return policy;
    }

    List<Call> callsFor(String subscriberId) {
        return calls.stream().filter(c -> c.request().subscriberId().equals(subscriberId)).toList();
    }

    /** @return the outbox sequence numbers sent to the subscriber (null: to anyone), per ticket, in call order */
    Map<String, List<Long>> sequencesByTicket(String subscriberId) {
        Map<String, List<Long>> byTicket = new java.util.HashMap<>();
        (subscriberId == null ? calls : callsFor(subscriberId)).forEach(c -> byTicket.computeIfAbsent(
                c.request().event().ticketId(), k -> new java.util.ArrayList<>()).add(c.request().event().sequence()));
        return byTicket;
    }

    void shutdown() {
        network.shutdownNow();
    }
}
