package org.integrationhub.core.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.EventType;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;

/** Applies a (validated) partial update to a ticket: the status machine, SLA recomputation, changed fields. */
final class TicketChanges {

    /**
     * @param ticket the ticket after the update
     * @param changedFields wire names of the fields the update changed; empty for a no-op
     * @param eventType the event to emit when something changed
     */
    record Result(Ticket ticket, Set<String> changedFields, EventType eventType) {
    }

    private final SlaPolicy sla;

    TicketChanges(SlaPolicy sla) {
        this.sla = sla;
    }

    /** @throws ConflictException for an illegal status transition */
    Result apply(Ticket t, TicketUpdate u, Instant now) {
        Set<String> changed = new LinkedHashSet<>();
        String subject = pick(t.subject(), u.subject(), "subject", changed);
        String description = pick(t.description(), u.description(), "description", changed);
        Priority priority = pick(t.priority(), u.priority(), "priority", changed);
        String assignee = u.assignee() == null ? t.assignee() : pick(t.assignee(), u.assignee().orElse(null),
                "assignee", changed, true);
        TicketStatus status = t.status();
        Instant resolvedAt = t.resolvedAt();
        if (u.status() != null && u.status() != t.status()) {
            if (!t.status().canTransitionTo(u.status())) {
                throw new ConflictException("cannot change status from " + t.status().wireName() + " to "
                        + u.status().wireName() + " (allowed: " + t.status().allowedTargets().stream()
                                .map(TicketStatus::wireName).collect(Collectors.joining(", ")) + ")");
            }
            status = u.status();
            changed.add("status");
            if (status == TicketStatus.RESOLVED) {
                resolvedAt = now;
            } else if (status == TicketStatus.OPEN) {
                resolvedAt = null;
            }
        }
        if (changed.isEmpty()) {
            return new Result(t, Set.of(), null);
        }
        Instant slaDueAt = changed.contains("priority") ? sla.dueAt(t.createdAt(), priority) : t.slaDueAt();
        Ticket after = new Ticket(t.id(), subject, description, priority, status, assignee, t.customer(),
                t.createdAt(), now, slaDueAt, resolvedAt);
        EventType type = !changed.contains("status") ? EventType.TICKET_UPDATED
                : status == TicketStatus.RESOLVED ? EventType.TICKET_RESOLVED
                : status == TicketStatus.CLOSED ? EventType.TICKET_CLOSED : EventType.TICKET_UPDATED;
        return new Result(after, Set.copyOf(changed), type);
    }

    private static <T> T pick(T current, T wanted, String field, Set<String> changed) {
        return pick(current, wanted, field, changed, false);
    }

    private static <T> T pick(T current, T wanted, String field, Set<String> changed, boolean nullMeansValue) {
        if (wanted == null && !nullMeansValue) {
            return current;
        }
        if (Objects.equals(current, wanted)) {
            return current;
        }
        changed.add(field);
        return wanted;
    }
}
