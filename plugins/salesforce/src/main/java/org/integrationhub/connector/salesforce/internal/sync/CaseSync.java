package org.integrationhub.connector.salesforce.internal.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.connector.salesforce.internal.client.SalesforceClient;
import org.integrationhub.connector.salesforce.internal.client.Soql;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Case per ticket, across retries, redeliveries and restarts, although Salesforce's sObject create takes no
 * idempotency key. Before the create call the ticket is marked {@code salesforce.create}; every Case's Description
 * ends with the line {@code Helpdesk ticket <id>: <url>}. When a later attempt finds the mark (the earlier answer was
 * lost: a timeout, a reset, a 5xx, a crash), it first looks for that Case: {@code SELECT Id, Description FROM Case
 * WHERE Origin = … AND Subject = <the Subject sent> AND CreatedDate >= <mark − 5 min>}, every page of it
 * (Description, a long text area, cannot be filtered in SOQL, so the marker is matched here). SOQL reads the
 * database, not a search index, so a committed Case shows at once; but the lost call may still be running in
 * Salesforce, so an empty answer younger than the settle time is retried later rather than trusted. Call under the
 * ticket's lock.
 */
public final class CaseSync {

    /** What a new Case is made of. */
    public record Template(String origin, Map<Priority, String> priorities, String resolvedStatus,
            String closedStatus, String reopenedStatus) {
    }

    /** The ticket's Case, and whether this call created it. */
    public record Outcome(TicketLink link, boolean created) {
    }

    static final int SUBJECT_MAX = 255;
    static final int DESCRIPTION_MAX = 32000;
    /** Length of Case.SuppliedEmail and Case.SuppliedName (Web Email, Web Name). */
    static final int SUPPLIED_MAX = 80;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Logger logger = LoggerFactory.getLogger(CaseSync.class);
    private final SalesforceClient salesforce;
    private final SyncState state;
    private final Template template;
    private final UnaryOperator<String> ticketUrl;
    private final Duration settle;
    private final Clock clock;

    public CaseSync(SalesforceClient salesforce, SyncState state, Template template, UnaryOperator<String> ticketUrl,
            Duration settle, Clock clock) {
        this.salesforce = salesforce;
        this.state = state;
        this.template = template;
        this.ticketUrl = ticketUrl;
        this.settle = settle;
        this.clock = clock;
    }

    /** @param ticketId a ticket id @return the marker line that identifies the ticket's Case in its Description */
    public static String marker(String ticketId) {
        return "Helpdesk ticket " + ticketId + ":";
    }

    /**
     * Creates the ticket's Case unless it has one.
     *
     * @param ticket the ticket
     * @param contactId the customer's Contact, or null (the Case then carries SuppliedEmail and SuppliedName)
     */
    public Outcome ensureCase(Ticket ticket, String contactId) throws IntegrationException {
        Optional<TicketLink> existing = state.caseOf(ticket.id());
        if (existing.isPresent()) {
            return new Outcome(existing.get(), false);
        }
        ObjectNode fields = fields(ticket, contactId);
        Optional<SyncState.Pending> pending = state.createPending(ticket.id());
        if (pending.isPresent()) {
            // the Subject the unanswered call sent: the ticket's may have changed since (create_case, raised priority)
            String sent = pending.get().subject() == null ? fields.path("Subject").asText() : pending.get().subject();
            Optional<String> found = findCreated(ticket.id(), sent, pending.get().since());
            if (found.isPresent()) {
                logger.info("Salesforce: ticket {} already has Case {} (an earlier create's answer was lost)",
                        ticket.id(), found.get());
                return new Outcome(linked(ticket.id(), found.get()), false);
            }
            Duration age = Duration.between(pending.get().since(), clock.instant());
            if (age.compareTo(settle) < 0) {
                Duration wait = settle.minus(age);
                throw new IntegrationException(ErrorCategory.COMMUNICATION, "the Case of ticket " + ticket.id()
                        + " may have been created by an unanswered call; checking again in "
                        + Math.max(1, wait.toSeconds()) + " s", null, wait);
            }
        }
        state.markCreatePending(ticket.id(), clock.instant(), fields.path("Subject").asText());
        String id;
        try {
            id = salesforce.create("Case", fields, "create the Case");
        } catch (IntegrationException e) {
            if (e.category() != ErrorCategory.COMMUNICATION && e.category() != ErrorCategory.REMOTE) {
                state.clearCreatePending(ticket.id()); // Salesforce refused it: nothing was created
            } // else no answer, or a 2xx that could not be read: the Case may exist, the mark stays
            throw e;
        }
        logger.info("Salesforce: created Case {} for ticket {}", id, ticket.id());
        return new Outcome(linked(ticket.id(), id), true);
    }

    /**
     * Sets the Case Status for a ticket status change, once per value ({@code PATCH …/sobjects/Case/{id}}).
     *
     * @param ticketId the ticket
     * @param status the Case Status, or "" to leave the Case alone
     * @return whether the Case was changed (false: no Case, no status configured, or already set)
     */
    public boolean setStatus(String ticketId, String status) throws IntegrationException {
        Optional<TicketLink> link = state.caseOf(ticketId);
        if (link.isEmpty() || status.isEmpty() || state.status(ticketId).filter(status::equals).isPresent()) {
            return false;
        }
        salesforce.update("Case", link.get().key(), NODES.objectNode().put("Status", status),
                "set the Case's Status");
        state.recordStatus(ticketId, status);
        logger.info("Salesforce: Case {} of ticket {} set to {}", link.get().key(), ticketId, status);
        return true;
    }

    /** Sets the Case Status for a resolved ticket ({@code case.status.resolved}). */
    public boolean resolved(String ticketId) throws IntegrationException {
        return setStatus(ticketId, template.resolvedStatus());
    }

    /** Sets the Case Status for a closed ticket ({@code case.status.closed}). */
    public boolean closed(String ticketId) throws IntegrationException {
        return setStatus(ticketId, template.closedStatus());
    }

    /**
     * Sets the Case Status for a reopened ticket ({@code case.status.reopened}), only if the connector had set a
     * resolved or closed status before (so moving an open ticket to pending leaves the Case alone).
     */
    public boolean reopened(String ticketId) throws IntegrationException {
        Optional<String> last = state.status(ticketId);
        boolean wasDone = last.isPresent() && (last.get().equals(template.resolvedStatus())
                || last.get().equals(template.closedStatus()));
        return wasDone && setStatus(ticketId, template.reopenedStatus());
    }

    private Optional<String> findCreated(String ticketId, String subject, Instant since) throws IntegrationException {
        String soql = "SELECT Id, Description FROM Case WHERE Origin = " + Soql.literal(template.origin())
                + " AND Subject = " + Soql.literal(subject) + " AND CreatedDate >= "
                + DateTimeFormatter.ISO_INSTANT.format(since.minus(CLOCK_SKEW).truncatedTo(ChronoUnit.SECONDS))
                + " ORDER BY CreatedDate ASC"; // no LIMIT: a burst of same-subject Cases must not hide this one
        List<JsonNode> cases = salesforce.query(soql, "look for the Case of an unanswered create");
        String marker = marker(ticketId);
        for (JsonNode c : cases) {
            String id = c.path("Id").asText("");
            if (c.path("Description").asText("").contains(marker) && SalesforceClient.RECORD_ID.matcher(id).matches()) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    private TicketLink linked(String ticketId, String caseId) throws IntegrationException {
        state.link(ticketId, caseId, salesforce.caseUrl(caseId));
        state.clearCreatePending(ticketId);
        state.recordStatus(ticketId, "New");
        return state.caseOf(ticketId).orElseThrow();
    }

    ObjectNode fields(Ticket ticket, String contactId) {
        ObjectNode fields = NODES.objectNode();
        fields.put("Subject", subject(ticket.subject()));
        fields.put("Description", description(ticket));
        fields.put("Priority", template.priorities().get(ticket.priority()));
        fields.put("Status", "New");
        fields.put("Origin", template.origin());
        if (contactId != null) {
            fields.put("ContactId", contactId);
        } else {
            String email = suppliedEmail(ticket.customer().email());
            if (email != null) {
                fields.put("SuppliedEmail", email);
            }
            String name = oneLine(ticket.customer().name());
            if (!name.isBlank()) {
                fields.put("SuppliedName", cut(name, SUPPLIED_MAX));
            }
        }
        return fields;
    }

    /**
     * @return the address when Salesforce's Email field takes it (at most 80 characters, local-part@domain), else null:
     *         Salesforce refuses the whole Case for a bad SuppliedEmail, and the Description names the customer anyway
     */
    static String suppliedEmail(String email) {
        try {
            return Soql.email(email);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return the subject on one line, without control characters, at most 255 characters */
    static String subject(String subject) {
        return cut(oneLine(subject), SUBJECT_MAX);
    }

    /** @return the text with each run of control characters (C0 and C1, as SOQL literals refuse) as one space */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cc}]+", " ").strip();
    }

    private String description(Ticket ticket) {
        String name = oneLine(ticket.customer().name());
        String customer = name.isEmpty() ? ticket.customer().email() : name + " <" + ticket.customer().email() + ">";
        String tail = "\n\nCustomer: " + customer + "\nPriority: " + ticket.priority().label() + "\n"
                + marker(ticket.id()) + " " + ticketUrl.apply(ticket.id());
        String body = ticket.description() == null ? "" : ticket.description().strip();
        if (body.isEmpty()) {
            return tail.stripLeading();
        }
        return cut(body, DESCRIPTION_MAX - tail.length()) + tail; // the marker always survives
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
