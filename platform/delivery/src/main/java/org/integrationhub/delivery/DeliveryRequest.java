package org.integrationhub.delivery;

import java.util.Objects;

import org.integrationhub.api.HubEvent;

/**
 * One attempt to deliver one event to one subscriber.
 *
 * @param deliveryId ULID of the delivery (one per event and subscriber), stable across attempts and redeliveries
 * @param kind the subscriber kind, e.g. {@code "webhook"}
 * @param subscriberId the subscriber, as returned by its {@link SubscriptionSource}
 * @param messageId the idempotency key receivers should deduplicate on: the event's id, the same on every attempt
 *        (Standard Webhooks {@code webhook-id})
 * @param event the event
 * @param payload the exact JSON envelope stored in the outbox ({@code {"type":…,"timestamp":…,"data":…}}); send these
 *        bytes unchanged
 * @param attempt 1 for the first attempt, counting up on every retry (reset by a manual redeliver)
 * @since 0.1.0
 */
public record DeliveryRequest(String deliveryId, String kind, String subscriberId, String messageId, HubEvent event,
        String payload, int attempt) {
    public DeliveryRequest {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subscriberId, "subscriberId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
    }
}
