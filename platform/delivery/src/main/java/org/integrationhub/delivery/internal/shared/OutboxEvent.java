package org.integrationhub.delivery.internal.shared;

import java.util.function.Supplier;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.json.HubJson;
import org.integrationhub.delivery.DeliveryRequest;

/**
 * An outbox event as the relay reads it: its columns and stored payload, the whole event parsed from the payload only
 * when something asks for it (a subscription source that needs more than the type, a transport that needs more than
 * the payload), and then once for all its deliveries.
 */
public final class OutboxEvent implements Supplier<HubEvent> {

    public final long seq;
    public final String id;
    public final EventType type;
    public final String ticketId;
    public final String payload;
    private volatile HubEvent event;

    public OutboxEvent(long seq, String id, EventType type, String ticketId, String payload) {
        this.seq = seq;
        this.id = id;
        this.type = type;
        this.ticketId = ticketId;
        this.payload = payload;
    }

    /** @return an attempt to deliver this event, which parses it only if asked for it */
    public DeliveryRequest request(String deliveryId, String kind, String subscriberId, int attempt) {
        return new DeliveryRequest(deliveryId, kind, subscriberId, id, seq, type, ticketId, this, payload, attempt);
    }

    /**
     * @return the event, parsed from the payload on the first call
     * @throws IllegalArgumentException if the payload is not a valid event envelope
     */
    @Override
    public HubEvent get() {
        HubEvent e = event;
        if (e == null) {
            e = HubJson.readEvent(payload, seq); // two threads may both parse it: same result, no harm
            event = e;
        }
        return e;
    }
}
