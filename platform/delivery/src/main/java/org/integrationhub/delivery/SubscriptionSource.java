package org.integrationhub.delivery;

import java.util.List;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Says which subscribers of one kind want an event. Register one service per kind with the service property
 * {@value DeliveryTransport#KIND_PROPERTY}. The relay asks it once per outbox event, inside the relay's database
 * transaction, and creates one durable delivery per returned subscriber id; later changes of subscriptions do not
 * affect deliveries already created.
 *
 * <p>The relay waits (does not advance) while a source of a kind listed in its configuration
 * ({@code org.integrationhub.delivery} → {@code requiredKinds}) is missing, so no event is skipped while a subscriber
 * bundle restarts.
 *
 * @since 0.1.0
 */
@ConsumerType
public interface SubscriptionSource {

    /**
     * Must be fast (called for every event; keep subscriptions in memory) and must not throw for an ordinary event.
     * Throwing stops the relay for this round; it is retried (the event is not skipped).
     *
     * @param event a committed outbox event
     * @return ids (at most 64 characters each) of the subscribers that want it; empty if none. Disabled subscribers
     *         should not be returned.
     */
    List<String> subscribersFor(HubEvent event);

    /**
     * For a source whose subscriptions depend on the event's type alone (webhooks): the subscribers that want every
     * event of this type. The relay then does not parse the stored event, which it otherwise does for {@link
     * #subscribersFor(HubEvent)}. Same rules as that method.
     *
     * @param type a committed outbox event's type
     * @return the subscribers that want it, as {@link #subscribersFor(HubEvent)} would return them; or null (the
     *         default) when the type alone does not decide
     * @since 0.3.0
     */
    default List<String> subscribersForType(EventType type) {
        return null;
    }

    /**
     * Called by the relay after it has read a batch of committed events and before it asks for their subscribers
     * (inside the relay's transaction: a source may read the database through its own short transaction). A source that caches subscriptions which other hub nodes may change (in the
     * shared database) makes sure here that its cache holds every change committed before this call, e.g. by
     * comparing a version number: then a subscription created on any node receives every event committed after it.
     * Throwing stops the relay for this round; it is retried (no event is skipped). Does nothing by default.
     *
     * @since 0.5.0
     */
    default void prepareBatch() {
    }
}
