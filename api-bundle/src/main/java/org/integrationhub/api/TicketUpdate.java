package org.integrationhub.api;

import java.util.Optional;

/**
 * A partial change to a ticket. A {@code null} component means "leave unchanged".
 *
 * @param subject new subject, or null
 * @param description new description, or null
 * @param priority new priority, or null (changing it recomputes the SLA due time from the creation time)
 * @param status new status, or null; must be a legal transition
 * @param assignee null to leave unchanged, {@code Optional.empty()} to unassign, a value to assign
 * @since 0.1.0
 */
public record TicketUpdate(String subject, String description, Priority priority, TicketStatus status,
        Optional<String> assignee) {

    /** @return true if this update changes nothing */
    public boolean isEmpty() {
        return subject == null && description == null && priority == null && status == null && assignee == null;
    }

    /** @param status the target status @return an update that changes only the status */
    public static TicketUpdate status(TicketStatus status) {
        return new TicketUpdate(null, null, null, status, null);
    }

    /** @param assignee the new assignee, or null to unassign @return an update that changes only the assignee */
    public static TicketUpdate assign(String assignee) {
        return new TicketUpdate(null, null, null, null, Optional.ofNullable(assignee));
    }
}
