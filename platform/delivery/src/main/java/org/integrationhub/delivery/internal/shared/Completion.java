package org.integrationhub.delivery.internal.shared;

import java.time.Instant;

import org.integrationhub.delivery.DeliveryOutcome;

/**
 * The outcome of one attempt, and what the engine decided from it, waiting to be written; or, for {@link
 * Decision#RELEASE}, a directly dispatched delivery handed back unsent (no outcome).
 */
public record Completion(Claimed claimed, DeliveryOutcome outcome, Decision decision, Instant at,
        Instant nextAttemptAt) {

    /** What happens to the delivery. */
    public enum Decision {
        DELIVERED, RETRY, FAILED, DISABLE, ABSENT, ABSENT_EXPIRED,
        /** Not attempted: held back by the subscriber's limit in this hub, due again at its next attempt time. */
        THROTTLED,
        /** Not attempted after all: the lease is given back and the attempt not counted (claim path from now). */
        RELEASE,
        /** Not attempted: failed because its subscriber was disabled meanwhile (its error says so). */
        CANCELLED;

        /** @return whether the delivery stays pending, due at the completion's next attempt time */
        public boolean pending() {
            return this == RETRY || this == ABSENT || this == THROTTLED;
        }

        /** @return whether an attempt was made (and is recorded and counted) */
        public boolean attempted() {
            return this != RELEASE && this != ABSENT && this != ABSENT_EXPIRED && this != CANCELLED
                    && this != THROTTLED;
        }
    }
}
