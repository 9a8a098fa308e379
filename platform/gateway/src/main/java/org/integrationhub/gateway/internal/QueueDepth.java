package org.integrationhub.gateway.internal;

import java.util.Map;

/** Pending event deliveries per integration name, from the delivery engine. */
interface QueueDepth {

    /** @return pending deliveries by integration name; may be a cached snapshot */
    Map<String, Long> pendingBySubscriber();
}
