package org.integrationhub.webconsole.internal;

import java.util.List;
import java.util.Map;

import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryAttempt;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStatus;

/** Renders a subscriber's deliveries (and optionally their attempts) with a redeliver button; shared by two pages. */
final class DeliveryTable {

    private DeliveryTable() {
    }

    /** Renders the subscriber's newest deliveries in a state (all states for null), at most {@code limit}. */
    static void render(Page page, DeliveryService service, String kind, String subscriber, DeliveryStatus status,
            int limit, boolean withAttempts) {
        List<Delivery> items = service.list(new DeliveryQuery(kind, subscriber, status, null, limit)).items();
        if (items.isEmpty()) {
            page.paragraph(page.msg("deliveries.none"));
            return;
        }
        page.tableStart("hub-deliveries-" + kind + "-" + subscriber, page.msg("col.delivery"), page.msg("col.event"),
                page.msg("col.ticket"), page.msg("col.state"), page.msg("col.attempts"), page.msg("col.statusCode"),
                page.msg("col.error"), page.msg("col.lastAttempt"), page.msg("col.nextAttempt"), "");
        for (Delivery d : items) {
            Object action = d.status() == DeliveryStatus.PENDING ? ""
                    : page.button("redeliver", page.msg("deliveries.redeliver"),
                            Map.of("delivery", d.id(), "subscriber", subscriber), null);
            page.row(d.id(), d.eventType(), d.ticketId(), d.status().name(), d.attempts(), d.lastStatusCode(),
                    d.lastError(), Html.time(d.lastAttemptAt()), Html.time(d.nextAttemptAt()), action);
            if (withAttempts) {
                for (DeliveryAttempt a : service.attempts(d.id())) {
                    page.row("", "\u21b3 " + page.msg("deliveries.attempt", a.attempt()), "", a.result(),
                            Html.time(a.attemptedAt()), a.statusCode(),
                            a.error(), a.durationMillis() == null ? null : a.durationMillis() + " ms",
                            Html.time(a.nextAttemptAt()), "");
                }
            }
        }
        page.tableEnd();
    }

    /**
     * Redelivers one delivery of the subscriber.
     *
     * @throws IllegalArgumentException if the delivery does not exist or belongs to another subscriber
     */
    static Delivery redeliver(DeliveryService service, String kind, String subscriber, String deliveryId) {
        Delivery d = service.get(deliveryId).filter(x -> x.kind().equals(kind) && x.subscriberId().equals(subscriber))
                .orElseThrow(() -> new IllegalArgumentException("no delivery " + deliveryId + " of " + subscriber));
        return service.redeliver(d.id());
    }
}
