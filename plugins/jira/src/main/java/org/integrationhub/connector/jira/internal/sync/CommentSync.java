package org.integrationhub.connector.jira.internal.sync;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Person;
import org.integrationhub.api.TicketService;
import org.integrationhub.connector.jira.internal.client.JiraClient;
import org.integrationhub.connector.jira.internal.client.JiraClient.JiraComment;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Comments both ways, each exactly once and never echoed. Hub → Jira: a ticket comment becomes
 * {@code <body>\n\n-- From Helpdesk by <author name>} on the issue (internal ones only when configured); a comment
 * that came from Jira is not sent back. Jira → hub: a Jira comment becomes a ticket comment by the Jira user's
 * display name, internal when Jira restricts its visibility; comments the hub wrote (recorded ids, or the connector's own account) are not imported. Outcomes that
 * are unknown (a lost answer) are marked {@code pending} first and looked up before anything is written again. Call
 * every method under the ticket's {@link TicketLocks lock}.
 */
public final class CommentSync {

    static final String FOOTER = "-- From Helpdesk by ";
    private static final int BODY_MAX = 100_000;

    /** How many comments a {@code sync_comments} run sent and imported. */
    public record Counts(int sent, int imported) {
    }

    private final Logger logger = LoggerFactory.getLogger(CommentSync.class);
    private final JiraClient jira;
    private final SyncState state;
    private final Supplier<TicketService> tickets;
    private final Supplier<String> ownAccountId;
    private final boolean sendInternal;

    /**
     * @param ownAccountId the account id of the connector's own Jira user, or "" while unknown
     */
    public CommentSync(JiraClient jira, SyncState state, Supplier<TicketService> tickets,
            Supplier<String> ownAccountId, boolean sendInternal) {
        this.jira = jira;
        this.state = state;
        this.tickets = tickets;
        this.ownAccountId = ownAccountId;
        this.sendInternal = sendInternal;
    }

    /** @return the text a hub comment gets in Jira (the original design's footer) */
    public static String text(Comment comment) {
        Person author = comment.author();
        String name = author == null ? null : author.name() != null && !author.name().isBlank() ? author.name()
                : author.email();
        return comment.body().strip() + "\n\n" + FOOTER + (name == null || name.isBlank() ? "Helpdesk" : name);
    }

    /**
     * Sends one hub comment to the ticket's issue unless it went there before, came from Jira, is internal (and
     * internal comments stay in the hub) or the ticket has no issue.
     *
     * @return whether a comment was written to Jira by this call
     */
    public boolean send(Comment comment) throws IntegrationException {
        Optional<TicketLink> issue = state.issue(comment.ticketId());
        if (issue.isEmpty() || !wanted(comment)) {
            return false;
        }
        return send(comment, issue.get().key(), null);
    }

    private boolean wanted(Comment comment) {
        return (sendInternal || !comment.internal())
                && !state.fromJira(comment.ticketId(), comment.id(), comment.body());
    }

    private boolean send(Comment comment, String key, List<JiraComment> known) throws IntegrationException {
        String ticketId = comment.ticketId();
        Optional<String> sent = state.sent(ticketId, comment.id());
        if (sent.isPresent() && !sent.get().equals(SyncState.PENDING)) {
            return false;
        }
        String text = text(comment);
        if (sent.isPresent()) { // an earlier answer was lost: the comment may be there already
            Optional<JiraComment> there = findOwn(known != null ? known : jira.comments(key), text);
            if (there.isPresent()) {
                state.recordSent(ticketId, comment.id(), there.get().id());
                return false;
            }
        }
        state.markSendPending(ticketId, comment.id());
        String id;
        try {
            id = jira.addComment(key, text, comment.id());
        } catch (IntegrationException e) {
            if (e.category() != ErrorCategory.COMMUNICATION) {
                state.clearSendPending(ticketId, comment.id());
            }
            throw e;
        }
        state.recordSent(ticketId, comment.id(), id);
        logger.debug("Jira: comment {} of ticket {} sent to {} as {}", comment.id(), ticketId, key, id);
        return true;
    }

    private Optional<JiraComment> findOwn(List<JiraComment> comments, String text) {
        String own = ownAccountId.get();
        String wanted = normalise(text);
        return comments.stream().filter(c -> own.isEmpty() || own.equals(c.authorAccountId()))
                .filter(c -> normalise(c.text()).equals(wanted)).findFirst();
    }

    /**
     * Adds a Jira comment to the ticket unless it was added before or the hub wrote it.
     *
     * @return the new ticket comment, or empty if nothing was added
     */
    public Optional<Comment> importComment(String ticketId, JiraComment comment) {
        if (comment.id().isEmpty() || comment.id().length() > 80 || comment.text().isBlank()) {
            return Optional.empty();
        }
        String own = ownAccountId.get();
        if (state.mine(ticketId, comment.id()) || (!own.isEmpty() && own.equals(comment.authorAccountId()))) {
            return Optional.empty(); // the hub's own comment: never echoed back
        }
        String body = comment.text().length() > BODY_MAX ? comment.text().substring(0, BODY_MAX) : comment.text();
        String author = comment.authorName().isBlank() ? "Jira user" : comment.authorName();
        Optional<String> imported = state.imported(ticketId, comment.id());
        if (imported.isPresent()) {
            if (!imported.get().equals(SyncState.PENDING)) {
                return Optional.empty();
            }
            Optional<Comment> there = tickets.get().comments(ticketId).stream()
                    .filter(c -> c.body().equals(body) && c.author() != null && author.equals(c.author().name()))
                    .findFirst();
            if (there.isPresent()) { // added before a crash, not recorded
                state.recordImported(ticketId, comment.id(), there.get().id(), body);
                return Optional.empty();
            }
        }
        state.markImportPending(ticketId, comment.id(), body);
        Comment added;
        try {
            // a comment Jira restricts to a group or role, or a service desk internal note, stays internal
            added = tickets.get().addComment(ticketId, new Person(null, author), body, comment.restricted());
        } catch (RuntimeException e) { // refused (e.g. the ticket is gone): nothing was written
            state.clearImportPending(ticketId, comment.id(), body);
            throw e;
        }
        state.recordImported(ticketId, comment.id(), added.id(), body);
        logger.debug("Jira: comment {} imported into ticket {} as {}", comment.id(), ticketId, added.id());
        return Optional.of(added);
    }

    /**
     * Brings both sides up to date: hub comments not yet in Jira are sent, Jira comments not yet in the hub are
     * imported (the {@code sync_comments} action; also what a missed webhook needs).
     */
    public Counts syncAll(String ticketId, String key) throws IntegrationException {
        List<JiraComment> jiraComments = jira.comments(key);
        int imported = 0;
        for (JiraComment c : jiraComments) {
            if (importComment(ticketId, c).isPresent()) {
                imported++;
            }
        }
        int sent = 0;
        for (Comment c : tickets.get().comments(ticketId)) {
            if (wanted(c) && send(c, key, jiraComments)) {
                sent++;
            }
        }
        return new Counts(sent, imported);
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
