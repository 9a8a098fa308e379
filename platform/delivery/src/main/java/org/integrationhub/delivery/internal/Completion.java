package org.integrationhub.delivery.internal;

import java.time.Instant;

import org.integrationhub.delivery.DeliveryOutcome;

/** The outcome of one attempt, and what the engine decided from it, waiting to be written. */
record Completion(Claimed claimed, DeliveryOutcome outcome, Decision decision, Instant at, Instant nextAttemptAt) {

    /** What happens to the delivery. */
    enum Decision {
        DELIVERED, RETRY, FAILED, DISABLE, ABSENT, ABSENT_EXPIRED
    }
}
