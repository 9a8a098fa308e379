package org.integrationhub.delivery.internal.shared;

/**
 * The delivery tables' own SQL pieces; JDBC conversions (times, nullable numbers, placeholders) are
 * {@link org.integrationhub.persistence.Jdbc}'s.
 */
public final class Sql {

    /** SQL expression of a row's {@code queue_key} while it is PENDING (see migration V13). */
    public static final String QUEUE_KEY = "kind || '|' || subscriber_id || '|' || ticket_id";

    /**
     * Schedules deliveries again (add the {@code WHERE}): PENDING, no attempt counted, due at the first parameter, open
     * in their queue, unleased.
     */
    public static final String RESET = "UPDATE delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?,"
            + " completed_at = NULL, queue_key = " + QUEUE_KEY + ", locked_until = NULL, lease_owner = NULL";

    /** Characters of a receiver's response kept with an attempt (row or journal line). */
    public static final int EXCERPT_MAX = 1000;

    private Sql() {
    }

    /** @return {@code s} cut to at most {@code max} characters; null stays null */
    public static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** @return the {@code queue_key} of an open delivery: one per (kind, subscriber, ticket) */
    public static String queueKey(String kind, String subscriberId, String ticketId) {
        return kind + '|' + subscriberId + '|' + ticketId;
    }
}
