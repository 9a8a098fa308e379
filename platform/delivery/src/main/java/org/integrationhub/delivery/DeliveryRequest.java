package org.integrationhub.delivery;

import java.util.Objects;
import java.util.function.Supplier;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;

/**
 * One attempt to deliver one event to one subscriber. Immutable and thread-safe.
 *
 * <p>The event's sequence, type and ticket are read from the outbox's columns; the whole {@link HubEvent} is parsed
 * from the payload the first time {@link #event()} is called (a webhook sends the payload as stored and never needs
 * it).
 *
 * @since 0.1.0 (a record until 0.3.0)
 */
public final class DeliveryRequest {

    private final String deliveryId;
    private final String kind;
    private final String subscriberId;
    private final String messageId;
    private final long sequence;
    private final EventType eventType;
    private final String ticketId;
    private final String payload;
    private final int attempt;
    private Supplier<HubEvent> source;
    private volatile HubEvent event;

    /**
     * @param deliveryId ULID of the delivery (one per event and subscriber), stable across attempts and redeliveries
     * @param kind the subscriber kind, e.g. {@code "webhook"}
     * @param subscriberId the subscriber, as returned by its {@link SubscriptionSource}
     * @param messageId the idempotency key receivers should deduplicate on: the event's id, the same on every attempt
     *        (Standard Webhooks {@code webhook-id})
     * @param event the event
     * @param payload the exact JSON envelope stored in the outbox ({@code {"type":…,"timestamp":…,"data":…}})
     * @param attempt 1 for the first attempt, counting up on every retry (reset by a manual redeliver)
     */
    public DeliveryRequest(String deliveryId, String kind, String subscriberId, String messageId, HubEvent event,
            String payload, int attempt) {
        this(deliveryId, kind, subscriberId, messageId, Objects.requireNonNull(event, "event").sequence(),
                event.type(), event.subjectId(), () -> event, payload, attempt);
        this.event = event;
    }

    /**
     * A request whose event is parsed only when asked for.
     *
     * @param sequence the event's outbox sequence
     * @param eventType the event's type
     * @param ticketId the event's ticket, or its customer for {@code customer.updated} ({@link HubEvent#subjectId()})
     * @param event gives the event (called at most once, on the first {@link #event()})
     * @see #DeliveryRequest(String, String, String, String, HubEvent, String, int) the other parameters
     * @since 0.3.0
     */
    public DeliveryRequest(String deliveryId, String kind, String subscriberId, String messageId, long sequence,
            EventType eventType, String ticketId, Supplier<HubEvent> event, String payload, int attempt) {
        this.deliveryId = Objects.requireNonNull(deliveryId, "deliveryId");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subscriberId = Objects.requireNonNull(subscriberId, "subscriberId");
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.sequence = sequence;
        this.eventType = Objects.requireNonNull(eventType, "eventType");
        this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
        this.source = Objects.requireNonNull(event, "event");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.attempt = attempt;
    }

    /** @return ULID of the delivery (one per event and subscriber), stable across attempts and redeliveries */
    public String deliveryId() {
        return deliveryId;
    }

    /** @return the subscriber kind, e.g. {@code "webhook"} */
    public String kind() {
        return kind;
    }

    /** @return the subscriber, as returned by its {@link SubscriptionSource} */
    public String subscriberId() {
        return subscriberId;
    }

    /** @return the event's id: the idempotency key receivers deduplicate on, the same on every attempt */
    public String messageId() {
        return messageId;
    }

    /**
     * @return the event (parsed from the payload on the first call)
     * @throws IllegalArgumentException if the stored payload is not a valid event envelope
     */
    public HubEvent event() {
        HubEvent e = event;
        if (e == null) {
            synchronized (this) {
                e = event;
                if (e == null) {
                    e = Objects.requireNonNull(source.get(), "event");
                    event = e;
                    source = null;
                }
            }
        }
        return e;
    }

    /**
     * @return the event's outbox sequence
     * @since 0.3.0
     */
    public long sequence() {
        return sequence;
    }

    /**
     * @return the event's type
     * @since 0.3.0
     */
    public EventType eventType() {
        return eventType;
    }

    /**
     * @return the event's ticket, or its customer for {@code customer.updated}: the outbox's ordering key
     *         ({@link HubEvent#subjectId()})
     * @since 0.3.0
     */
    public String ticketId() {
        return ticketId;
    }

    /** @return the exact JSON envelope stored in the outbox; send these bytes unchanged */
    public String payload() {
        return payload;
    }

    /** @return 1 for the first attempt, counting up on every retry (reset by a manual redeliver) */
    public int attempt() {
        return attempt;
    }

    /** Equal when every part is (the event is the payload's). */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeliveryRequest r && deliveryId.equals(r.deliveryId) && kind.equals(r.kind)
                && subscriberId.equals(r.subscriberId) && messageId.equals(r.messageId) && sequence == r.sequence
                && eventType == r.eventType && ticketId.equals(r.ticketId) && payload.equals(r.payload)
                && attempt == r.attempt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(deliveryId, kind, subscriberId, messageId, sequence, attempt);
    }

    @Override
    public String toString() {
        return "DeliveryRequest[deliveryId=" + deliveryId + ", kind=" + kind + ", subscriberId=" + subscriberId
                + ", messageId=" + messageId + ", sequence=" + sequence + ", eventType=" + eventType.wireName()
                + ", ticketId=" + ticketId + ", attempt=" + attempt + "]";
    }
}
