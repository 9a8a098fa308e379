package org.integrationhub.api;

import java.time.Duration;
import java.util.Map;

/**
 * Aggregate figures over all tickets at one moment (what a metrics connector such as Datadog reports).
 *
 * @param countsByStatus number of tickets in each status (every status present, zero if none)
 * @param overdue active tickets past their SLA due time
 * @param slaBreached tickets resolved after their SLA due time, plus overdue ones
 * @param averageResolutionTime mean time from creation to resolution over resolved and closed tickets; null if none
 * @since 0.1.0
 */
public record TicketMetrics(Map<TicketStatus, Long> countsByStatus, long overdue, long slaBreached,
        Duration averageResolutionTime) {
}
