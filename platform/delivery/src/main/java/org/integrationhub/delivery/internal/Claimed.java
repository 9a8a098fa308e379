package org.integrationhub.delivery.internal;

import java.time.Instant;

import org.integrationhub.delivery.DeliveryRequest;

/** A delivery claimed for one attempt by this node, with the lease that proves it. */
record Claimed(DeliveryRequest request, String leaseOwner, Instant createdAt, Instant startedAt) {
}
