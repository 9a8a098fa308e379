package org.integrationhub.connector.slack.internal;

/**
 * The Slack message of a ticket, kept in the platform's link store: the channel it was routed to (as configured,
 * e.g. {@code #support}), the channel id Slack answered with, the message ts (root of the ticket's thread) and the
 * sequence of the last event handled (so a redelivered event is recognised and skipped).
 */
record ThreadLink(String routedChannel, String channelId, String ts, long lastSequence) {

    /** Link store key of a ticket's thread. */
    static final String KEY = "slack.thread";

    String encode() {
        return "v1|" + routedChannel + "|" + channelId + "|" + ts + "|" + lastSequence;
    }

    /** @return the link, or null if the value is not one (then the ticket gets a new root message) */
    static ThreadLink decode(String value) {
        String[] p = value == null ? new String[0] : value.split("\\|", -1);
        if (p.length != 5 || !p[0].equals("v1")) {
            return null;
        }
        try {
            return new ThreadLink(p[1], p[2], p[3], Long.parseLong(p[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    ThreadLink handled(long sequence) {
        return new ThreadLink(routedChannel, channelId, ts, Math.max(lastSequence, sequence));
    }
}
