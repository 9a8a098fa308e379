package org.integrationhub.api;

/**
 * What a caller gives to open a ticket. Validation happens in {@link TicketService#create}.
 *
 * @param subject required, at most 255 characters
 * @param description may be null
 * @param priority null means {@link Priority#NORMAL}
 * @param customer required; identified by e-mail
 * @param assignee may be null
 * @since 0.1.0
 */
public record NewTicket(String subject, String description, Priority priority, Person customer, String assignee) {
}
