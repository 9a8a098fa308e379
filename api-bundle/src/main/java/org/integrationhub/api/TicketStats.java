package org.integrationhub.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The ticket figures of {@code GET /api/v1/metrics/tickets} and {@code hub:ticket-stats}: over all tickets, and the
 * same figures for each priority.
 *
 * @param at when the figures were computed
 * @param window how far back the average resolution time looks (60 minutes)
 * @param total the figures over all tickets
 * @param byPriority the figures of each priority; every priority present (zeros and a null average if none)
 * @since 0.2.0
 */
public record TicketStats(Instant at, Duration window, Figures total, Map<Priority, Figures> byPriority) {

    public TicketStats {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(total, "total");
        byPriority = Map.copyOf(byPriority);
    }

    /**
     * Figures over one set of tickets.
     *
     * @param open tickets not resolved yet (status open or pending)
     * @param overdue of those, the ones past their SLA due time
     * @param slaBreached tickets whose SLA is breached: the overdue ones plus those resolved after their SLA due
     *        time (a resolved ticket stays counted when it is closed; a reopened one is counted again only if it is
     *        overdue or resolved late once more)
     * @param resolvedInWindow tickets resolved within the window (and not reopened since)
     * @param averageResolution mean time from creation to resolution of those {@code resolvedInWindow} tickets;
     *        null when none was resolved in the window
     * @since 0.2.0
     */
    public record Figures(long open, long overdue, long slaBreached, long resolvedInWindow,
            Duration averageResolution) {
    }
}
