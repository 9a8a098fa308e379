package org.integrationhub.delivery.internal;

import java.time.Instant;

import org.integrationhub.delivery.DeliveryRequest;

/**
 * A delivery taken by this node for one attempt: leased through its row, or, {@code rowless}, sent by the relay's
 * node before it has any row (its outcome writes the journal line or the row; a crash before that sends it again,
 * see {@link Relay}).
 */
record Claimed(DeliveryRequest request, String leaseOwner, Instant createdAt, Instant startedAt, boolean rowless) {

    Claimed(DeliveryRequest request, String leaseOwner, Instant createdAt, Instant startedAt) {
        this(request, leaseOwner, createdAt, startedAt, false);
    }

    /** @return the same delivery, its attempt starting at {@code at} */
    Claimed startingAt(Instant at) {
        return new Claimed(request, leaseOwner, createdAt, at, rowless);
    }
}
