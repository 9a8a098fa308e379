package org.integrationhub.connector.hubspot.internal.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HubSpot webhook event ids this instance handled lately (at most {@code capacity}, oldest forgotten first), so
 * that HubSpot's retry of a delivery, which repeats its {@code eventId}s, changes nothing twice. Kept in memory: a
 * restart or another node forgets them, which costs one more contact read, never a wrong customer. Thread-safe.
 */
final class RecentEventIds {

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

    /** @return true if the id was new and is now claimed; false if it was handled or claimed before */
    synchronized boolean claim(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    /** Forgets a claimed id whose event could not be applied, so HubSpot's retry applies it. */
    synchronized void release(String id) {
        ids.remove(id);
    }
}
