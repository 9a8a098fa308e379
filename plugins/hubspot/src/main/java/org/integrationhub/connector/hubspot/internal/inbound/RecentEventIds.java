package org.integrationhub.connector.hubspot.internal.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HubSpot webhook events this instance handled lately (at most {@code capacity}, oldest forgotten first), so
 * that HubSpot's retry of a delivery, which repeats its events, changes nothing twice; and the events a request is
 * applying right now, so that a copy of them arriving meanwhile is not acknowledged before they are applied. Kept in
 * memory: a restart or another node forgets them, which costs one more contact read, never a wrong customer.
 * Thread-safe.
 */
final class RecentEventIds {

    /** What {@link #claim} found. */
    enum Claim {
        /** New: the caller claimed it and must {@link #complete} or {@link #release} it. */
        NEW,
        /** Claimed by a request that has not finished it yet. */
        IN_FLIGHT,
        /** Handled before. */
        DONE
    }

    /** event key → true once handled, false while a request applies it. */
    private final Map<String, Boolean> ids;

    RecentEventIds(int capacity) {
        this.ids = new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Claims an event for the calling request, unless another one claimed or handled it. */
    synchronized Claim claim(String key) {
        Boolean state = ids.putIfAbsent(key, Boolean.FALSE);
        return state == null ? Claim.NEW : state ? Claim.DONE : Claim.IN_FLIGHT;
    }

    /** Marks a claimed event as handled. */
    synchronized void complete(String key) {
        ids.replace(key, Boolean.FALSE, Boolean.TRUE);
    }

    /** Forgets a claimed event that could not be applied, so HubSpot's retry applies it. */
    synchronized void release(String key) {
        ids.remove(key, Boolean.FALSE);
    }
}
