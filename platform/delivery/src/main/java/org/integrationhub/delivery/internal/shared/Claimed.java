package org.integrationhub.delivery.internal.shared;

import java.time.Instant;

import org.integrationhub.delivery.DeliveryRequest;

/**
 * A delivery taken by this node for one attempt: leased through its row, or, {@code rowless}, sent by the relay's
 * node before it has any row (where a delivery is recorded when: {@link org.integrationhub.delivery.internal the
 * engine's package doc}).
 */
public record Claimed(DeliveryRequest request, String leaseOwner, Instant createdAt, Instant startedAt,
        boolean rowless) {

    public Claimed(DeliveryRequest request, String leaseOwner, Instant createdAt, Instant startedAt) {
        this(request, leaseOwner, createdAt, startedAt, false);
    }

    /** @return the same delivery, its attempt starting at {@code at} */
    public Claimed startingAt(Instant at) {
        return new Claimed(request, leaseOwner, createdAt, at, rowless);
    }
}
