package org.integrationhub.api;

/**
 * The kinds of change the helpdesk core announces. {@link #wireName()} is the {@code type} of webhook payloads.
 *
 * @since 0.1.0
 */
public enum EventType {
    TICKET_CREATED("ticket.created"),
    TICKET_UPDATED("ticket.updated"),
    TICKET_RESOLVED("ticket.resolved"),
    TICKET_CLOSED("ticket.closed"),
    COMMENT_ADDED("comment.added"),
    RATING_RECEIVED("rating.received"),
    /**
     * A customer was created through the customer API or changed (by the API or a connector); the event carries
     * {@link HubEvent#customer()} and no ticket. Creation with a first ticket is announced by that ticket's
     * {@code ticket.created} alone.
     *
     * @since 0.3.0
     */
    CUSTOMER_UPDATED("customer.updated");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** @return the dotted name, e.g. {@code "ticket.created"} */
    public String wireName() {
        return wireName;
    }

    /**
     * @return true for the events about a ticket (they carry {@link HubEvent#ticket()}), false for
     *         {@link #CUSTOMER_UPDATED}
     * @since 0.3.0
     */
    public boolean isTicketEvent() {
        return this != CUSTOMER_UPDATED;
    }

    /** @return the OSGi EventAdmin topic the event is posted on, e.g. {@code org/integrationhub/ticket/created} */
    public String topic() {
        return TOPIC_PREFIX + wireName.replace('.', '/');
    }

    /** Prefix of every EventAdmin topic the hub posts; subscribe to {@code TOPIC_PREFIX + "*"} for all. */
    public static final String TOPIC_PREFIX = "org/integrationhub/";

    /**
     * @param value a dotted name such as {@code "comment.added"}
     * @return the type
     * @throws IllegalArgumentException if the name is unknown
     */
    public static EventType fromWireName(String value) {
        for (EventType t : values()) {
            if (t.wireName.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + value);
    }
}
