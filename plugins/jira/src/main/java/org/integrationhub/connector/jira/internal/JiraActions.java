package org.integrationhub.connector.jira.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketService;
import org.integrationhub.connector.jira.internal.client.JiraClient;
import org.integrationhub.connector.jira.internal.sync.CommentSync;
import org.integrationhub.connector.jira.internal.sync.IssueSync;
import org.integrationhub.connector.jira.internal.sync.SyncState;
import org.integrationhub.connector.jira.internal.sync.TicketLocks;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;

/** The gateway actions {@code create_issue}, {@code link_issue} and {@code sync_comments}. */
final class JiraActions {

    static final String CREATE_ISSUE = "create_issue";
    static final String LINK_ISSUE = "link_issue";
    static final String SYNC_COMMENTS = "sync_comments";

    private final Supplier<TicketService> tickets;
    private final SyncState state;
    private final TicketLocks locks;
    private final IssueSync issues;
    private final CommentSync comments;
    private final IssueSync.Template defaults;

    JiraActions(Supplier<TicketService> tickets, SyncState state, TicketLocks locks, IssueSync issues,
            CommentSync comments, IssueSync.Template defaults) {
        this.tickets = tickets;
        this.state = state;
        this.locks = locks;
        this.issues = issues;
        this.comments = comments;
        this.defaults = defaults;
    }

    ActionResult execute(ActionRequest request) throws IntegrationException {
        Ticket ticket = ticket(request);
        try {
            return locks.with(ticket.id(), () -> switch (request.action()) {
                case CREATE_ISSUE -> create(ticket, request);
                case LINK_ISSUE -> link(ticket, request);
                case SYNC_COMMENTS -> sync(ticket);
                default -> throw new IntegrationException(ErrorCategory.CONFIGURATION,
                        "unknown action '" + request.action() + "'", null);
            });
        } catch (TicketLocks.Busy e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, e.getMessage() + "; retry later", null,
                    Duration.ofSeconds(1));
        }
    }

    private ActionResult create(Ticket ticket, ActionRequest request) throws IntegrationException {
        String project = optional(request, "project");
        String type = optional(request, "issue_type");
        if (project != null && !JiraSettings.PROJECT_KEY.matcher(project).matches()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "project must be a Jira project key such as "
                    + "HELP", null);
        }
        IssueSync.Template template = new IssueSync.Template(project == null ? defaults.projectKey() : project,
                type == null ? defaults.issueType() : type, defaults.labels());
        IssueSync.Outcome outcome = issues.ensureIssue(ticket, template);
        Map<String, Object> result = result(ticket, outcome.link());
        result.put("created", outcome.created());
        return new ActionResult(result);
    }

    private ActionResult link(Ticket ticket, ActionRequest request) throws IntegrationException {
        String key = optional(request, "key");
        if (key == null || !JiraClient.ISSUE_KEY.matcher(key).matches()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "key must be a Jira issue key such as HELP-42",
                    null);
        }
        return new ActionResult(result(ticket, issues.linkExisting(ticket.id(), key)));
    }

    private ActionResult sync(Ticket ticket) throws IntegrationException {
        TicketLink link = state.issue(ticket.id()).orElseThrow(() -> new IntegrationException(
                ErrorCategory.CONFIGURATION, "ticket " + ticket.id() + " has no Jira issue; use create_issue or "
                        + "link_issue first", null));
        CommentSync.Counts counts = comments.syncAll(ticket.id(), link.key());
        Map<String, Object> result = result(ticket, link);
        result.put("sent", counts.sent());
        result.put("imported", counts.imported());
        return new ActionResult(result);
    }

    private Ticket ticket(ActionRequest request) throws IntegrationException {
        String id = optional(request, "ticket_id");
        if (id == null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "ticket_id is required", null);
        }
        return tickets.get().find(id).orElseThrow(() -> new IntegrationException(ErrorCategory.CONFIGURATION,
                "no ticket " + id, null));
    }

    private static String optional(ActionRequest request, String name) throws IntegrationException {
        Object value = request.params().get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, name + " must be a string", null);
        }
        return s.isBlank() ? null : s.strip();
    }

    private static Map<String, Object> result(Ticket ticket, TicketLink link) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ticket_id", ticket.id());
        result.put("key", link.key());
        result.put("url", link.url());
        return result;
    }
}
