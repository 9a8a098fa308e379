package org.integrationhub.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.api.NotFoundException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The delivery log and its controls, for the faces of a subscriber kind (REST, shell, web console). Registered by the
 * engine once the schema is migrated. All methods are thread-safe and work across hub nodes sharing one database.
 *
 * @since 0.1.0
 */
@ProviderType
public interface DeliveryService {

    /** @return one page of a subscriber's deliveries, newest first */
    DeliveryPage list(DeliveryQuery query);

    /** @return the delivery, if it exists */
    Optional<Delivery> get(String deliveryId);

    /** @return the recorded attempts of a delivery, oldest first; empty if none or unknown */
    List<DeliveryAttempt> attempts(String deliveryId);

    /**
     * Sends a delivery again as soon as possible, with a fresh retry budget and the same message id. A delivery that
     * is already pending is left as it is.
     *
     * @return the delivery as rescheduled
     * @throws NotFoundException if there is no such delivery
     */
    Delivery redeliver(String deliveryId);

    /**
     * Delivers again every event of a time range to one subscriber, in event order (also events from before the
     * subscriber existed). Events with a pending delivery are left as they are.
     *
     * @param kind the subscriber kind
     * @param subscriberId the subscriber
     * @param since events that occurred at or after this instant
     * @param until events that occurred before this instant; null for up to now
     * @param types only events of these types; empty for all
     * @return the number of deliveries scheduled
     */
    int replay(String kind, String subscriberId, Instant since, Instant until, Set<EventType> types);

    /** @return the number of FAILED deliveries of the subscriber rescheduled with a fresh retry budget */
    int retryFailed(String kind, String subscriberId);

    /**
     * Gives up every pending delivery of a subscriber (e.g. when it is removed or disabled by an operator).
     *
     * @return the number of deliveries marked FAILED
     */
    int cancelPending(String kind, String subscriberId, String reason);

    /**
     * The subscriber is back (e.g. its connector bundle was deployed again): its pending deliveries that wait for a
     * later attempt become due now, in their order, instead of at their next scheduled look. Deliveries in flight
     * are left as they are; retry counts are unchanged.
     *
     * @return the number of deliveries made due
     * @since 0.2.0
     */
    int resume(String kind, String subscriberId);

    /** @return the counters of one subscriber */
    DeliveryStats stats(String kind, String subscriberId);
}
