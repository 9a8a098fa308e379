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
    RATING_RECEIVED("rating.received");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** @return the dotted name, e.g. {@code "ticket.created"} */
    public String wireName() {
        return wireName;
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
