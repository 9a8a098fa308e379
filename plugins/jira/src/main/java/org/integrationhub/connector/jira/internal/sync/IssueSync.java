package org.integrationhub.connector.jira.internal.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.connector.jira.internal.client.Adf;
import org.integrationhub.connector.jira.internal.client.JiraClient;
import org.integrationhub.connector.jira.internal.client.JiraClient.IssueRef;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One issue per ticket, across retries, redeliveries and restarts. Before the create call the ticket is marked
 * {@code jira.create}; when a later attempt finds that mark (the earlier answer was lost: a timeout, a 5xx, a crash)
 * it first searches for the issue by its {@code ticket-<id>} label and links what it finds. Jira's search lags writes,
 * so an empty search younger than the consistency wait is retried later rather than trusted.
 */
public final class IssueSync {

    /** What the issue of a ticket is made of: project, type and labels. */
    public record Template(String projectKey, String issueType, List<String> labels) {
    }

    /** The ticket's issue, and whether this call created or found it. */
    public record Outcome(TicketLink link, boolean created) {
    }

    private static final int SUMMARY_MAX = 255;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Logger logger = LoggerFactory.getLogger(IssueSync.class);
    private final JiraClient jira;
    private final SyncState state;
    private final Template defaults;
    private final UnaryOperator<String> ticketUrl;
    private final Duration searchWait;
    private final Clock clock;

    public IssueSync(JiraClient jira, SyncState state, Template defaults, UnaryOperator<String> ticketUrl,
            Duration searchWait, Clock clock) {
        this.jira = jira;
        this.state = state;
        this.defaults = defaults;
        this.ticketUrl = ticketUrl;
        this.searchWait = searchWait;
        this.clock = clock;
    }

    /** @param ticketId a ticket id @return the label that identifies the ticket's issue */
    public static String label(String ticketId) {
        return "ticket-" + ticketId;
    }

    /** Creates the ticket's issue in the default project unless it has one. Call under the ticket's lock. */
    public Outcome ensureIssue(Ticket ticket) throws IntegrationException {
        return ensureIssue(ticket, defaults);
    }

    /**
     * Creates the ticket's issue unless it has one (then that one is returned, whatever the template).
     *
     * @param ticket the ticket
     * @param template project, issue type and labels of a new issue
     */
    public Outcome ensureIssue(Ticket ticket, Template template) throws IntegrationException {
        Optional<TicketLink> existing = state.issue(ticket.id());
        if (existing.isPresent()) {
            linkBack(ticket.id(), existing.get().key());
            return new Outcome(existing.get(), false);
        }
        Optional<Instant> pending = state.createPending(ticket.id());
        if (pending.isPresent()) {
            Optional<IssueRef> found = jira.findByLabel(label(ticket.id()));
            if (found.isPresent()) {
                logger.info("Jira: ticket {} already has issue {} (an earlier create's answer was lost)", ticket.id(),
                        found.get().key());
                return new Outcome(linked(ticket.id(), found.get()), false);
            }
            Duration age = Duration.between(pending.get(), clock.instant());
            if (age.compareTo(searchWait) < 0) {
                Duration wait = searchWait.minus(age);
                throw new IntegrationException(ErrorCategory.COMMUNICATION, "the issue of ticket " + ticket.id()
                        + " may have been created by an unanswered call; Jira's search does not show it yet, "
                        + "checking again in " + Math.max(1, wait.toSeconds()) + " s", null, wait);
            }
        }
        state.markCreatePending(ticket.id(), clock.instant());
        IssueRef issue;
        try {
            issue = jira.createIssue(fields(ticket, template));
        } catch (IntegrationException e) {
            if (e.category() != ErrorCategory.COMMUNICATION) {
                state.clearCreatePending(ticket.id()); // Jira answered: nothing was created
            }
            throw e;
        }
        logger.info("Jira: created {} for ticket {}", issue.key(), ticket.id());
        return new Outcome(linked(ticket.id(), issue), true);
    }

    /**
     * Links an existing issue to a ticket (the {@code link_issue} action), replacing any earlier link.
     *
     * @param ticketId the ticket
     * @param key the issue key
     */
    public TicketLink linkExisting(String ticketId, String key) throws IntegrationException {
        IssueRef issue = jira.issue(key);
        Optional<TicketLink> owner = state.ticketOf(issue.key());
        if (owner.isPresent() && !owner.get().ticketId().equals(ticketId)) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, issue.key() + " is already linked to ticket "
                    + owner.get().ticketId(), null);
        }
        state.clearCreatePending(ticketId);
        return linked(ticketId, issue);
    }

    private TicketLink linked(String ticketId, IssueRef issue) throws IntegrationException {
        state.link(ticketId, issue.key(), jira.browseUrl(issue.key()));
        state.clearCreatePending(ticketId);
        if (!issue.statusCategory().isEmpty()) {
            state.recordStatus(ticketId, new SyncState.Status(issue.statusCategory(), 0));
        }
        linkBack(ticketId, issue.key());
        return state.issue(ticketId).orElseThrow();
    }

    /** The issue's "links to" entry pointing at the ticket (an upsert by globalId; once per ticket). */
    private void linkBack(String ticketId, String key) throws IntegrationException {
        if (state.remoteLinked(ticketId).filter(key::equals).isEmpty()) {
            try {
                jira.remoteLink(key, "hub:ticket:" + ticketId, ticketUrl.apply(ticketId),
                        "Helpdesk ticket " + ticketId);
            } catch (IntegrationException e) {
                if (e.category().isRetryable()) {
                    throw e;
                }
                // e.g. the account lacks "Link issues": the issue and its link in the hub stand without it
                logger.warn("Jira: {} does not link back to ticket {}: {}", key, ticketId, e.getMessage());
            }
            state.markRemoteLinked(ticketId, key);
        }
    }

    ObjectNode fields(Ticket ticket, Template template) {
        ObjectNode fields = NODES.objectNode();
        fields.putObject("project").put("key", template.projectKey());
        fields.putObject("issuetype").put("name", template.issueType());
        String summary = ticket.subject().strip().replaceAll("[\\r\\n]+", " ");
        fields.put("summary", summary.length() > SUMMARY_MAX ? summary.substring(0, SUMMARY_MAX - 1) + "…" : summary);
        fields.set("description", description(ticket));
        fields.putObject("priority").put("name", priority(ticket.priority()));
        ArrayNode labels = fields.putArray("labels");
        Set<String> all = new LinkedHashSet<>();
        all.add("helpdesk");
        template.labels().forEach(l -> all.add(l.strip().replaceAll("\\s+", "-")));
        all.add(label(ticket.id()));
        all.stream().filter(l -> !l.isEmpty()).forEach(labels::add);
        return fields;
    }

    private ObjectNode description(Ticket ticket) {
        ObjectNode doc = Adf.document(ticket.description());
        ArrayNode content = (ArrayNode) doc.get("content");
        String customer = ticket.customer().name().isBlank() ? ticket.customer().email()
                : ticket.customer().name() + " <" + ticket.customer().email() + ">";
        content.add(Adf.paragraph("Customer: " + customer + "\nPriority: " + ticket.priority().label()));
        content.add(Adf.linkParagraph("Helpdesk ticket: ", ticket.id(), ticketUrl.apply(ticket.id())));
        return doc;
    }

    /** The original design's mapping: urgent → Highest, high → High, normal → Medium, low → Low. */
    static String priority(Priority priority) {
        return switch (priority) {
            case URGENT -> "Highest";
            case HIGH -> "High";
            case NORMAL -> "Medium";
            case LOW -> "Low";
        };
    }
}
