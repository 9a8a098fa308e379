package org.integrationhub.spi;

import java.util.Objects;

/**
 * A remote object a connector made (or found) for a hub ticket: a Jira issue, a Salesforce Case, a Slack thread, a
 * Teams message. Kept in the {@link LinkStore}; API users read them at {@code GET /api/v1/tickets/{id}/links}.
 *
 * @param integration the connector instance's name
 * @param ticketId the hub ticket id
 * @param type what the remote object is, lower case, e.g. {@code "issue"}, {@code "thread"}, {@code "card"}
 *        ({@code [a-z][a-z0-9_.-]*}, at most 40 characters)
 * @param key the object's id in the remote system, e.g. {@code "HELP-42"} (1 to 200 characters)
 * @param url where a person opens it, or {@code ""} if it has no URL (at most 1000 characters)
 * @since 0.2.0
 */
public record TicketLink(String integration, String ticketId, String type, String key, String url) {

    /** Longest {@link #type()}. */
    public static final int MAX_TYPE = 40;
    /** Longest {@link #key()}. */
    public static final int MAX_KEY = 200;
    /** Longest {@link #url()}. */
    public static final int MAX_URL = 1000;

    /**
     * @throws IllegalArgumentException if a field is missing or out of bounds
     */
    public TicketLink {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(ticketId, "ticketId");
        if (type == null || type.length() > MAX_TYPE || !type.matches("[a-z][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("link type must match [a-z][a-z0-9_.-]* and have at most "
                    + MAX_TYPE + " characters: " + type);
        }
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("link key must be 1 to " + MAX_KEY + " characters");
        }
        url = url == null ? "" : url;
        if (url.length() > MAX_URL) {
            throw new IllegalArgumentException("link url must be at most " + MAX_URL + " characters");
        }
    }
}
