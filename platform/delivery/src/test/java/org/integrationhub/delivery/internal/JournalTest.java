package org.integrationhub.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integrationhub.delivery.internal.EngineFixture.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryOutcome;
import org.integrationhub.delivery.DeliveryPage;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.delivery.internal.shared.Ids;
import org.integrationhub.persistence.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The delivery journal: a directly dispatched delivery whose first attempt succeeds is one journal line and no row,
 * reads as a delivery through the log API, and a relay that takes over after a crash sends again only what is not
 * journaled.
 */
class JournalTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AutoClose
    private EngineFixture fx;
    @AutoClose("shutdown")
    private final FakeTransport transport = new FakeTransport();

    @Test
    void aDeliveryIdCarriesItsEventsSequenceAndIsTheSameWheneverItIsComputed() {
        String event = Ids.next();
        String id = Ids.delivery("webhook", "ep_1", event, 123_456_789L);
        assertThat(id).hasSize(26).startsWith(event.substring(0, 10))
                .isEqualTo(Ids.delivery("webhook", "ep_1", event, 123_456_789L))
                .isNotEqualTo(Ids.delivery("webhook", "ep_2", event, 123_456_789L));
        assertThat(com.github.f4b6a3.ulid.Ulid.isValid(id)).isTrue();
        assertThat(Ids.sequenceOf(id)).isEqualTo(123_456_789L);
        assertThat(Ids.subscriberHashOf(id)).isEqualTo(Ids.subscriberHash("webhook", "ep_1"))
                .isNotEqualTo(Ids.subscriberHash("webhook", "ep_2"));
        assertThat(Ids.sequenceOf("not an id")).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void firstAttemptsThatSucceedAreJournalLinesTheLogReadsAsDeliveries(Kind kind) {
        fx = new EngineFixture(kind);
        transport.behaviour = r -> DeliveryOutcome.delivered(204, Duration.ofMillis(7), "tab\there\nnew line");
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1"));
        List<HubEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // after the engine: its transport is bound, all of them go direct
            events.add(fx.append("T" + (i % 2), EventType.COMMENT_ADDED));
        }
        await("delivered", WAIT, () -> engine.stats("test", "s1").delivered() == 5);

        assertThat(fx.count("SELECT COUNT(*) FROM delivery")).as("rows").isZero();
        assertThat(fx.count("SELECT COALESCE(SUM(entries), 0) FROM delivery_journal")).isEqualTo(5);
        assertThat(engine.stats("test", "s1").pending()).isZero();
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            DeliveryPage page = engine.list(new DeliveryQuery("test", "s1", null, cursor, 2));
            page.items().forEach(d -> ids.add(d.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(ids).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(engine.list(new DeliveryQuery("test", "s1", DeliveryStatus.DELIVERED, null, 10)).items())
                .hasSize(5);
        assertThat(engine.list(new DeliveryQuery("test", "s1", DeliveryStatus.PENDING, null, 10)).items())
                .isEmpty();

        HubEvent third = sent(events.get(2).id()).event(); // as relayed: with its outbox sequence
        String id = Ids.delivery("test", "s1", third.id(), third.sequence());
        assertThat(sent(third.id()).deliveryId()).isEqualTo(id);
        Delivery d = engine.get(id).orElseThrow();
        assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(d.eventId()).isEqualTo(third.id());
        assertThat(d.ticketId()).isEqualTo(third.ticketId());
        assertThat(d.lastStatusCode()).isEqualTo(204);
        List<DeliveryAttempt> attempts = engine.attempts(id);
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).isEqualTo(204);
            assertThat(a.durationMillis()).isEqualTo(7);
            assertThat(a.responseExcerpt()).isEqualTo("tab\there\nnew line");
            assertThat(a.result()).isEqualTo(DeliveryOutcome.Result.DELIVERED);
        });

        // redeliver: the delivery gets its row, is sent again with the same message id, and keeps its first attempt
        int before = transport.calls.size();
        engine.redeliver(id);
        await("sent again", WAIT, () -> transport.calls.size() == before + 1
                && engine.get(id).orElseThrow().status() == DeliveryStatus.DELIVERED
                && engine.attempts(id).size() == 2);
        assertThat(transport.calls.get(before).request().messageId()).isEqualTo(third.id());
        assertThat(transport.calls.get(before).request().deliveryId()).isEqualTo(id);
        assertThat(engine.list(new DeliveryQuery("test", "s1", null, null, 10)).items()).hasSize(5);
        assertThat(engine.stats("test", "s1").delivered()).as("moved into the rows, counted once").isEqualTo(5);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery")).isEqualTo(1);
    }

    /** A delivery in flight has no row and no journal line yet: the log still lists it, as pending. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeliveryInFlightWithoutARowIsListedAsPendingAndFoundById(Kind kind) throws Exception {
        fx = new EngineFixture(kind);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        transport.behaviour = r -> {
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DeliveryOutcome.delivered(200, null, "ok");
        };
        // the engine first: a relay round between binding the source and the transport would make a row for it
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), transport, e -> List.of("s1"));
        HubEvent event = fx.append("T1", EventType.TICKET_CREATED);
        engine.handleEvent(null); // what the core's EventAdmin post does after its commit
        await("the attempt under way", WAIT, () -> transport.calls.size() == 1);
        String id = transport.calls.get(0).request().deliveryId();

        assertThat(fx.count("SELECT COUNT(*) FROM delivery")).as("rowless").isZero();
        for (DeliveryStatus status : new DeliveryStatus[] {null, DeliveryStatus.PENDING}) {
            assertThat(engine.list(new DeliveryQuery("test", "s1", status, null, 10)).items()).singleElement()
                    .satisfies(d -> {
                        assertThat(d.id()).isEqualTo(id);
                        assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
                        assertThat(d.eventId()).isEqualTo(event.id());
                        assertThat(d.ticketId()).isEqualTo("T1");
                        assertThat(d.eventType()).isEqualTo("ticket.created");
                        assertThat(d.nextAttemptAt()).isAfter(d.createdAt());
                    });
        }
        assertThat(engine.list(new DeliveryQuery("test", "s1", DeliveryStatus.DELIVERED, null, 10)).items()).isEmpty();
        assertThat(engine.list(new DeliveryQuery("test", "s1", null, id, 10)).items()).as("after the cursor")
                .isEmpty();
        assertThat(engine.get(id)).get().extracting(Delivery::status).isEqualTo(DeliveryStatus.PENDING);
        assertThat(engine.list(new DeliveryQuery("test", "s2", null, null, 10)).items()).isEmpty();

        answer.countDown();
        await("delivered", WAIT, () -> engine.get(id).map(Delivery::status).orElse(null) == DeliveryStatus.DELIVERED);
        assertThat(engine.list(new DeliveryQuery("test", "s1", null, null, 10)).items()).singleElement()
                .extracting(Delivery::status).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(engine.list(new DeliveryQuery("test", "s1", DeliveryStatus.PENDING, null, 10)).items()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aJournaledDeliveryIsFoundByIdAmongOtherSubscribersLines(Kind kind) {
        fx = new EngineFixture(kind);
        List<String> subscribers = List.of("a", "b", "c", "d");
        DeliveryEngine engine = fx.engine(EngineFixture.settings("n1"), transport, e -> subscribers);
        for (int i = 0; i < 20; i++) {
            fx.append("T" + (i % 5), EventType.COMMENT_ADDED);
        }
        await("delivered", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 80);
        assertThat(fx.count("SELECT COUNT(*) FROM delivery")).isZero();
        for (FakeTransport.Call call : transport.calls) {
            Delivery d = engine.get(call.request().deliveryId()).orElseThrow();
            assertThat(d.subscriberId()).isEqualTo(call.request().subscriberId());
            assertThat(d.eventId()).isEqualTo(call.request().messageId());
            assertThat(engine.attempts(d.id())).hasSize(1);
        }
        assertThat(engine.get(Ids.delivery("test", "nobody", transport.calls.get(0).request().messageId(),
                transport.calls.get(0).request().event().sequence()))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRelayTakingOverAfterACrashSendsAgainOnlyWhatIsNotJournaledInOrder(Kind kind) {
        fx = new EngineFixture(kind);
        List<String> hung = new java.util.concurrent.CopyOnWriteArrayList<>();
        transport.behaviour = r -> hung.contains(r.messageId()) ? null : DeliveryOutcome.delivered(200, null, null);
        // the engine first (its source and transport bound), then the events: all of them direct
        DeliveryEngine first = fx.engine(EngineFixture.settings("node-a"), transport, e -> List.of("s1"));
        List<HubEvent> events = fx.db.inTransaction(c -> {
            List<HubEvent> appended = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                appended.add(EngineFixture.append(c, "T1", EventType.COMMENT_ADDED));
            }
            hung.add(appended.get(3).id());
            return appended;
        });
        String hangs = events.get(3).id();
        first.handleEvent(null);
        await("the fourth event sent", WAIT, () -> transport.calls.size() == 4);
        await("three journaled", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 3);
        long third = sent(events.get(2).id()).event().sequence();
        // the relay stores its position at its next round (the 1 s poll): up to the third event, and no further
        await("the stored position reaches the third event", WAIT,
                () -> fx.count("SELECT position FROM delivery_relay") == third);
        sleepMillis(1_500);
        assertThat(fx.count("SELECT position FROM delivery_relay")).as("the stored position stays before the"
                + " unsettled fourth event").isEqualTo(third);
        fx.stop(first); // "crash": the fourth is in flight, the fifth and sixth wait in its chain
        transport.behaviour = r -> DeliveryOutcome.delivered(200, null, null);

        fx.engine(EngineFixture.settings("node-a"), transport, e -> List.of("s1"));

        await("all delivered after the restart", WAIT, () -> fx.statusCounts().getOrDefault("DELIVERED", 0L) == 6);
        List<String> sent = transport.calls.stream().map(c -> c.request().messageId()).toList();
        assertThat(sent).containsExactly(events.get(0).id(), events.get(1).id(), events.get(2).id(), hangs,
                hangs, events.get(4).id(), events.get(5).id());
        await("the position catches up", WAIT,
                () -> fx.count("SELECT position FROM delivery_relay") == sent(events.get(5).id()).event().sequence());
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private org.integrationhub.delivery.DeliveryRequest sent(String messageId) {
        return transport.calls.stream().map(FakeTransport.Call::request).filter(r -> r.messageId().equals(messageId))
                .findFirst().orElseThrow();
    }
}
