package ${package}.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} ids seen, oldest forgotten first. Thread-safe. Remembers which events this instance has
 * already delivered (the hub delivers at least once, so an event may come again after a crash or a lost
 * acknowledgement) and which comments it wrote itself (so that they are not echoed back to the vendor).
 * It lives in memory only: the vendor's {@code Idempotency-Key} covers a redelivery after a restart.
 */
final class RecentIds {

    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return whether {@code id} was added before (and is still remembered) */
    synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    /** Remembers {@code id}. */
    synchronized void add(String id) {
        ids.put(id, Boolean.TRUE);
    }
}
