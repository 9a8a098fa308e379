package org.integrationhub.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.integrationhub.api.Priority;

/** When a ticket of a priority must be resolved by: its creation time plus the configured hours. */
final class SlaPolicy {

    private final Map<Priority, Duration> windows = new EnumMap<>(Priority.class);

    SlaPolicy(TicketServiceImpl.Config config) {
        windows.put(Priority.URGENT, hours("sla.urgent.hours", config.sla_urgent_hours()));
        windows.put(Priority.HIGH, hours("sla.high.hours", config.sla_high_hours()));
        windows.put(Priority.NORMAL, hours("sla.normal.hours", config.sla_normal_hours()));
        windows.put(Priority.LOW, hours("sla.low.hours", config.sla_low_hours()));
    }

    Instant dueAt(Instant createdAt, Priority priority) {
        return createdAt.plus(windows.get(priority));
    }

    Duration window(Priority priority) {
        return windows.get(priority);
    }

    private static Duration hours(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, was " + value);
        }
        return Duration.ofHours(value);
    }
}
