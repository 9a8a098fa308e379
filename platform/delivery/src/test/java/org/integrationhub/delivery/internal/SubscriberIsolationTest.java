package org.integrationhub.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.delivery.internal.EngineFixture.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.integrationhub.api.EventType;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryRequest;
import org.integrationhub.delivery.DeliveryTransport;
import org.integrationhub.delivery.internal.shared.Settings;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A receiver that hangs until its timeout must not stall every other subscriber: once it holds
 * {@link Settings#stallInFlight()} attempts and answers none for {@link Settings#stallTime()}, what it holds stops
 * counting against the node's budget and its new deliveries wait unleased; the others keep flowing, and once it
 * answers again everything it missed arrives, in order per ticket.
 */
class SubscriberIsolationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int TOTAL = 16;
    private static final int STALL_AT = 4;
    // long enough that a loaded machine fills the whole budget before the stall rule sets the receiver aside
    private static final Duration STALL_TIME = Duration.ofMillis(1500);

    /** "slow" keeps every attempt open until {@link #answerSlow()}; every other subscriber answers 200 at once. */
    static final class HangingTransport implements DeliveryTransport {
        final List<DeliveryRequest> calls = new CopyOnWriteArrayList<>();
        final ConcurrentLinkedQueue<CompletableFuture<DeliveryOutcome>> hanging = new ConcurrentLinkedQueue<>();
        final AtomicInteger slowOpen = new AtomicInteger();
        private final ScheduledExecutorService network = Executors.newSingleThreadScheduledExecutor();

        @Override
        public CompletionStage<DeliveryOutcome> deliver(DeliveryRequest request) {
            calls.add(request);
            CompletableFuture<DeliveryOutcome> f = new CompletableFuture<>();
            if (request.subscriberId().equals("slow")) {
                slowOpen.incrementAndGet();
                hanging.add(f);
            } else {
                network.schedule(() -> f.complete(DeliveryOutcome.delivered(200, null, null)), 1,
                        TimeUnit.MILLISECONDS);
            }
            return f;
        }

        /** The slow receiver answers everything it holds. */
        void answerSlow() {
            for (CompletableFuture<DeliveryOutcome> f; (f = hanging.poll()) != null;) {
                slowOpen.decrementAndGet();
                f.complete(DeliveryOutcome.delivered(200, null, null));
            }
        }

        long delivered(String subscriber) {
            return calls.stream().filter(r -> r.subscriberId().equals(subscriber)).count();
        }

        void shutdown() {
            network.shutdownNow();
        }
    }

    @AutoClose
    private EngineFixture fx;
    @AutoClose("shutdown")
    private final HangingTransport transport = new HangingTransport();

    static Stream<Arguments> databasesAndPaths() {
        return Stream.of(Kind.values()).flatMap(k -> Stream.of(Arguments.of(k, true), Arguments.of(k, false)));
    }

    @ParameterizedTest(name = "{0}, direct dispatch {1}")
    @MethodSource("databasesAndPaths")
    void aHangingReceiverIsSetAsideWhileTheOthersGetEverything(Kind kind, boolean direct) {
        fx = new EngineFixture(kind);
        Settings settings = EngineFixture.settings("n1").withInFlight(TOTAL, STALL_AT, STALL_TIME)
                .withDirectDispatch(direct);
        DeliveryEngine engine = fx.engine(settings, transport, e -> List.of("slow", "fast"));
        int tickets = 3 * TOTAL; // far more tickets than the node has attempts in flight
        EventType[] rounds = {EventType.TICKET_CREATED, EventType.TICKET_UPDATED, EventType.TICKET_RESOLVED};
        // one transaction: the relay sees them together (one by one, a slow database lets the receiver stall before
        // it holds the whole budget)
        fx.db.inTransaction(c -> {
            for (int t = 0; t < tickets; t++) {
                EngineFixture.append(c, "T" + t, rounds[0]);
            }
            return null;
        });
        await("the hanging receiver holding the node's whole budget", WAIT,
                () -> transport.slowOpen.get() >= TOTAL);
        for (int round = 1; round < rounds.length; round++) {
            for (int t = 0; t < tickets; t++) {
                fx.append("T" + t, rounds[round]);
            }
        }
        int events = rounds.length * tickets;

        await("every delivery to the other subscriber while the slow one hangs", WAIT,
                () -> fx.delivered("fast")
                        == events);
        assertThat(transport.delivered("fast")).isEqualTo(events);
        int held = transport.slowOpen.get();
        assertThat(engine.stats("test", "slow").pending()).as("the stalled receiver's deliveries, waiting unsent")
                .isEqualTo(events);
        assertThat(held).as("attempts the hanging receiver holds").isLessThanOrEqualTo(TOTAL + settings.batchSize());

        // the receiver recovers: it answers whatever it holds, again and again, until it has everything
        await("every delivery to the recovered subscriber", WAIT, () -> {
            transport.answerSlow();
            return fx.delivered("slow")
                    == events;
        });
        Map<String, List<EventType>> byTicket = new java.util.HashMap<>();
        transport.calls.stream().filter(r -> r.subscriberId().equals("slow")).forEach(r -> byTicket
                .computeIfAbsent(r.event().ticketId(), k -> new ArrayList<>()).add(r.event().type()));
        assertThat(byTicket).hasSize(tickets).allSatisfy((ticket, types) ->
                assertThat(types).as(ticket).containsExactly(rounds));
        assertThat(transport.calls).as("no attempt twice").extracting(DeliveryRequest::deliveryId)
                .doesNotHaveDuplicates();
        await("every lease given back to the node's budget", WAIT, () -> engine.inFlight() == 0);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery WHERE queue_key IS NOT NULL OR lease_owner IS NOT NULL"))
                .as("nothing left open or leased").isZero();
    }
}
