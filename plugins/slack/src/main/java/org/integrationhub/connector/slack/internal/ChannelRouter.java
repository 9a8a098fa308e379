package org.integrationhub.connector.slack.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.api.Priority;

/**
 * Picks the channel of a ticket event: the first rule {@code EVENTS[:PRIORITIES]=CHANNEL} that matches the event
 * type and the ticket's priority, else the default channel. EVENTS and PRIORITIES are comma lists of wire names
 * or {@code *}; a missing PRIORITIES part matches every priority. Rules are array entries, or separated by
 * whitespace or {@code ;} within one entry (a single-valued {@code .cfg} line).
 */
final class ChannelRouter {

    private record Rule(Set<EventType> events, Set<Priority> priorities, String channel) {
        boolean matches(EventType type, Priority priority) {
            return (events.isEmpty() || events.contains(type))
                    && (priorities.isEmpty() || priorities.contains(priority));
        }
    }

    private final String defaultChannel;
    private final List<Rule> rules;

    private ChannelRouter(String defaultChannel, List<Rule> rules) {
        this.defaultChannel = defaultChannel;
        this.rules = rules;
    }

    /**
     * @param defaultChannel channel when no rule matches
     * @param rules the configured rules
     * @return the router
     * @throws IllegalArgumentException naming the first malformed rule
     */
    static ChannelRouter of(String defaultChannel, String[] rules) {
        if (defaultChannel == null || defaultChannel.isBlank()) {
            throw new IllegalArgumentException("default.channel must not be empty");
        }
        List<Rule> parsed = new ArrayList<>();
        for (String entry : rules == null ? new String[0] : rules) {
            for (String rule : entry.split("[;\\s]+")) {
                if (!rule.isBlank()) {
                    parsed.add(parse(rule));
                }
            }
        }
        return new ChannelRouter(defaultChannel.strip(), List.copyOf(parsed));
    }

    private static Rule parse(String rule) {
        int eq = rule.lastIndexOf('=');
        if (eq <= 0 || eq == rule.length() - 1) {
            throw new IllegalArgumentException("routing rule '" + rule + "' is not EVENTS[:PRIORITIES]=CHANNEL");
        }
        String channel = rule.substring(eq + 1).strip();
        String[] match = rule.substring(0, eq).split(":", 2);
        try {
            Set<EventType> events = set(match[0], EventType.class, EventType::fromWireName);
            Set<Priority> priorities = match.length > 1 ? set(match[1], Priority.class, Priority::fromWireName)
                    : Set.of();
            return new Rule(events, priorities, channel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("routing rule '" + rule + "': " + e.getMessage(), e);
        }
    }

    private static <E extends Enum<E>> Set<E> set(String list, Class<E> type,
            java.util.function.Function<String, E> parse) {
        java.util.EnumSet<E> values = java.util.EnumSet.noneOf(type);
        for (String item : list.split(",")) {
            String v = item.strip().toLowerCase(Locale.ROOT);
            if (v.equals("*")) {
                return Set.of();
            }
            values.add(parse.apply(v));
        }
        return values;
    }

    String defaultChannel() {
        return defaultChannel;
    }

    /** @param type event type @param priority the ticket's priority @return the channel */
    String channel(EventType type, Priority priority) {
        for (Rule rule : rules) {
            if (rule.matches(type, priority)) {
                return rule.channel();
            }
        }
        return defaultChannel;
    }
}
