package org.integrationhub.connector.asana.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.integrationhub.api.Comment;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Ticket;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;

/**
 * Hub events → the ticket's Asana task: {@code ticket.created} makes it (name = subject, notes = description and
 * the ticket URL, due_at = the SLA due time); {@code comment.added} adds a story; {@code ticket.resolved} and
 * {@code ticket.closed} complete it; {@code ticket.updated} renames it, moves its due time, or marks it not
 * completed when the ticket is reopened.
 *
 * <p>Delivery is at least once: an event not newer than the ticket's last handled sequence is skipped, and a create
 * or comment whose outcome is unknown (a timeout after Asana may have done it) is looked for at Asana before it is
 * sent again — the task by the ticket marker in its notes, the story by its text. Comments that came from Asana and
 * completions Asana already has are not sent back.
 */
final class TaskSync {

    private final AsanaClient asana;
    private final SyncState state;
    private final String project;
    private final String workspace;
    private final Function<String, String> ticketUrl;

    TaskSync(AsanaClient asana, SyncState state, String project, String workspace,
            Function<String, String> ticketUrl) {
        this.asana = asana;
        this.state = state;
        this.project = project;
        this.workspace = workspace;
        this.ticketUrl = ticketUrl;
    }

    void onEvent(HubEvent event) throws IntegrationException {
        String ticketId = event.ticketId();
        if (event.sequence() <= state.lastSequence(ticketId)) {
            return; // a redelivery of an event already handled
        }
        switch (event.type()) {
            case TICKET_CREATED -> ensureTask(event.ticket(), event.id());
            case COMMENT_ADDED -> comment(ticketId, event.comment(), event.id());
            case TICKET_RESOLVED, TICKET_CLOSED -> complete(ticketId, true);
            case TICKET_UPDATED -> update(event);
            default -> {
                // ratings have no place on a task
            }
        }
        state.handled(ticketId, event.sequence());
    }

    /** @return the ticket's task link, creating the task if the ticket has none */
    TicketLink ensureTask(Ticket ticket, String attemptId) throws IntegrationException {
        Optional<TicketLink> link = state.task(ticket.id());
        if (link.isPresent()) {
            return link.get();
        }
        if (state.pendingCreate(ticket.id()).isPresent()) {
            Optional<AsanaClient.Task> earlier = asana.findOpenTask(project, TaskNotes.marks(ticket.id()));
            if (earlier.isPresent()) {
                return linked(ticket.id(), earlier.get());
            }
        }
        state.creating(ticket.id(), attemptId);
        AsanaClient.Task task = asana.createTask(project, workspace, ticket.subject(),
                TaskNotes.of(ticket, ticketUrl.apply(ticket.id())), ticket.slaDueAt());
        return linked(ticket.id(), task);
    }

    private TicketLink linked(String ticketId, AsanaClient.Task task) {
        state.linkTask(ticketId, task);
        state.created(ticketId);
        return state.task(ticketId).orElseThrow();
    }

    private void comment(String ticketId, Comment comment, String eventId) throws IntegrationException {
        Optional<TicketLink> link = state.task(ticketId);
        if (link.isEmpty() || comment == null) {
            return;
        }
        synchronized (state.lock(ticketId)) {
            if (state.cameFromAsana(ticketId, comment.id())) {
                return; // the hub comment of an Asana story: never echoed back
            }
        }
        String text = TaskNotes.story(comment);
        String taskGid = link.get().key();
        if (eventId.equals(state.pendingComment(ticketId).orElse(null))) {
            for (AsanaClient.Story s : asana.comments(taskGid)) {
                if (s.text().equals(text)) {
                    state.commented(ticketId, s.gid());
                    return;
                }
            }
        }
        state.commenting(ticketId, eventId);
        state.commented(ticketId, asana.addComment(taskGid, text));
    }

    private void complete(String ticketId, boolean completed) throws IntegrationException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("completed", completed);
        put(ticketId, fields);
    }

    private void update(HubEvent event) throws IntegrationException {
        Ticket ticket = event.ticket();
        Map<String, Object> fields = new LinkedHashMap<>();
        if (event.changedFields().contains("subject")) {
            fields.put("name", ticket.subject());
        }
        if (event.changedFields().contains("priority") || event.changedFields().contains("sla_due_at")) {
            fields.put("due_at", ticket.slaDueAt().toString());
        }
        if (event.changedFields().contains("status") && ticket.status().isActive()) {
            fields.put("completed", false);
        }
        put(ticket.id(), fields);
    }

    private void put(String ticketId, Map<String, Object> fields) throws IntegrationException {
        Optional<TicketLink> link = state.task(ticketId);
        if (link.isEmpty()) {
            return;
        }
        Object completed = fields.get("completed");
        if (completed != null && state.knownCompleted(ticketId).map(completed::equals).orElse(false)) {
            fields.remove("completed"); // Asana has it already (or told us so): no echo
        }
        if (fields.isEmpty()) {
            return;
        }
        AsanaClient.Task task = asana.updateTask(link.get().key(), fields);
        state.completed(ticketId, task.completed());
    }
}
