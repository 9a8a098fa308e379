package org.integrationhub.connector.trello.internal.sync;

/**
 * Serialises the work on one ticket (an event delivery and a webhook for the same card) within this node: a fixed
 * set of striped locks, so memory stays bounded however many tickets pass. Never held during a webhook creation.
 */
public final class TicketLocks {

    private final Object[] stripes = new Object[64];

    public TicketLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** @return the lock of a ticket (shared with the tickets of the same stripe) */
    public Object of(String ticketId) {
        return stripes[Math.floorMod(ticketId.hashCode(), stripes.length)];
    }
}
