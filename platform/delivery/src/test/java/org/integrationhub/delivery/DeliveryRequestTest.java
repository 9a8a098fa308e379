package org.integrationhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.junit.jupiter.api.Test;

class DeliveryRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final HubEvent EVENT = new HubEvent("01J000000000000000000EVENT", 7, EventType.TICKET_CLOSED, NOW,
            new Ticket("01J00000000000000000TICKET", "s", "d", Priority.HIGH, TicketStatus.CLOSED, null,
                    new Customer("01J0000000000000000CUSTOMER", "a@example.com", "A", java.util.Map.of(), NOW), NOW,
                    NOW, NOW.plusSeconds(3600), NOW), null, null, Set.of());

    @Test
    void theEventIsAskedForOnceWhateverTheNumberOfThreadsAskingForIt() throws Exception {
        AtomicInteger parses = new AtomicInteger();
        DeliveryRequest r = new DeliveryRequest("d1", "webhook", "s1", EVENT.id(), 7, EventType.TICKET_CLOSED,
                EVENT.ticketId(), () -> {
                    parses.incrementAndGet();
                    return EVENT;
                }, "{}", 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            java.util.List<Future<HubEvent>> seen = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                seen.add(pool.submit(() -> {
                    go.await();
                    return r.event();
                }));
            }
            go.countDown();
            for (Future<HubEvent> f : seen) {
                assertThat(f.get()).isSameAs(EVENT);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(parses).hasValue(1);
    }

    @Test
    void aRequestMadeFromAnEventTakesItsSequenceTypeAndTicketAndEqualsTheLazyOne() {
        DeliveryRequest eager = new DeliveryRequest("d1", "webhook", "s1", EVENT.id(), EVENT, "{}", 2);
        DeliveryRequest lazy = new DeliveryRequest("d1", "webhook", "s1", EVENT.id(), 7, EventType.TICKET_CLOSED,
                EVENT.ticketId(), () -> EVENT, "{}", 2);
        assertThat(eager.sequence()).isEqualTo(7);
        assertThat(eager.eventType()).isEqualTo(EventType.TICKET_CLOSED);
        assertThat(eager.ticketId()).isEqualTo(EVENT.ticketId());
        assertThat(eager.event()).isSameAs(EVENT);
        assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
        assertThat(lazy.toString()).contains("deliveryId=d1", "ticket.closed").doesNotContain("{}");
    }

    @Test
    void aCustomerEventIsKeyedByItsCustomer() {
        Customer customer = new Customer("01J0000000000000000CUSTOMER", "a@example.com", "A", "Acme", null,
                java.util.Map.of(), java.util.Map.of("k", "v"), NOW, NOW);
        HubEvent changed = new HubEvent("01J000000000000000000EVEN2", 8, EventType.CUSTOMER_UPDATED, NOW, null, null,
                null, Set.of("company"), customer);
        DeliveryRequest r = new DeliveryRequest("d2", "webhook", "s1", changed.id(), changed, "{}", 1);
        assertThat(r.ticketId()).as("the ordering key: the customer").isEqualTo(customer.id());
        assertThat(r.eventType()).isEqualTo(EventType.CUSTOMER_UPDATED);
        assertThat(r.event().ticket()).isNull();
    }
}
