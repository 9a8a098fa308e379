package org.integrationhub.delivery;

import java.util.Objects;

/**
 * A filter over the delivery log of one subscriber, newest first.
 *
 * @param kind the subscriber kind (required)
 * @param subscriberId the subscriber (required)
 * @param status only deliveries in this state; null for all
 * @param cursor the {@link DeliveryPage#nextCursor()} of the previous page; null for the first page
 * @param limit page size, 1..500
 * @since 0.1.0
 */
public record DeliveryQuery(String kind, String subscriberId, DeliveryStatus status, String cursor, int limit) {
    public DeliveryQuery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subscriberId, "subscriberId");
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500: " + limit);
        }
    }
}
