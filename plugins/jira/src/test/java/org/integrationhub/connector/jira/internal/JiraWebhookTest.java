package org.integrationhub.connector.jira.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.spi.InboundResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jira → hub through the signed webhook: comments once and never echoed, status following the Done category. */
class JiraWebhookTest extends JiraTestSupport {

    static final String DEV = "557058:93f71831-7090-4c70-ab8e-c9a5c9aa2d8e";

    Ticket ticket;
    String key;

    @BeforeEach
    void linkedTicket() throws Exception {
        ticket = open("Printer on fire", Priority.URGENT);
        connector.onEvent(created(ticket));
        key = jira.only().key;
        connector.checkHealth(); // learns its own account, as the gateway's first check does
    }

    @Test
    void unsignedOrBadlySignedWebhooksGet401AndChangeNothing() {
        String body = commentCreated(key, "10010", DEV, "Dana Developer", "Looking into it");
        InboundResponse unsigned = connector.handle(webhook(body, "wh-1", null));
        InboundResponse forged = connector.handle(webhook(body, "wh-1", "sha256=" + hmac("another-secret", body)));
        InboundResponse tampered = connector.handle(webhook(body.replace("Looking", "Not looking"), "wh-1",
                "sha256=" + hmac(config.secret, body)));

        for (InboundResponse r : List.of(unsigned, forged, tampered)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).isEqualTo(InboundResponse.PROBLEM_JSON);
            assertThat(r.bodyAsString()).doesNotContain(config.secret);
        }
        assertThat(tickets.comments(ticket.id())).isEmpty();
    }

    @Test
    void aWebhookSignedForAnotherInstanceIs401SoThePlatformAsksTheNextOne() {
        TestConfig other = new TestConfig(jira.url());
        other.name = "jira-ops";
        other.secret = "whs-ops-fedcba9876543210";
        JiraIntegration ops = new JiraIntegration(context, links, other, clock);
        String body = commentCreated(key, "10010", DEV, "Dana Developer", "Looking into it");

        assertThat(ops.handle(webhook(body, "wh-1")).status()).isEqualTo(401);
        assertThat(connector.handle(webhook(body, "wh-1")).status()).isEqualTo(200);
        assertThat(tickets.comments(ticket.id())).hasSize(1);
    }

    @Test
    void aJiraCommentBecomesOneTicketCommentEvenWhenJiraSendsItTwice() {
        String body = commentCreated(key, "10010", DEV, "Dana Developer", "Looking into it");

        InboundResponse first = connector.handle(webhook(body, "a1b2c3d4-0000-4000-8000-000000000001"));
        InboundResponse again = connector.handle(webhook(body, "a1b2c3d4-0000-4000-8000-000000000001"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bodyAsString()).contains("\"outcome\":\"ok\"");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.bodyAsString()).contains("\"outcome\":\"duplicate\"");
        List<Comment> comments = tickets.comments(ticket.id());
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).body()).isEqualTo("Looking into it");
        assertThat(comments.get(0).author().name()).isEqualTo("Dana Developer");
        assertThat(comments.get(0).internal()).isFalse();

        // the same comment in another delivery (e.g. a second webhook registration) is still not added twice
        connector.handle(webhook(body, "a1b2c3d4-0000-4000-8000-000000000002"));
        assertThat(tickets.comments(ticket.id())).hasSize(1);
    }

    @Test
    void aJiraCommentRestrictedToARoleOrAServiceDeskInternalNoteBecomesAnInternalTicketComment() throws Exception {
        // Jira's Comment bean: "visibility" (a group or role) restricts who sees it; "jsdPublic": false is a Jira
        // Service Management internal note. Neither may reach the customer as a public ticket comment.
        com.fasterxml.jackson.databind.node.ObjectNode restricted = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(commentCreated(key, "10011", DEV, "Dana Developer", "Root cause: expired cert"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) restricted.get("comment")).putObject("visibility")
                .put("type", "role").put("value", "Developers").put("identifier", "Developers");
        com.fasterxml.jackson.databind.node.ObjectNode note = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(commentCreated(key, "10012", DEV, "Dana Developer", "Customer is on the old plan"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) note.get("comment")).put("jsdPublic", false);
        String open = commentCreated(key, "10013", DEV, "Dana Developer", "Fixed, please retry");

        connector.handle(webhook(restricted.toString(), "wh-r"));
        connector.handle(webhook(note.toString(), "wh-n"));
        connector.handle(webhook(open, "wh-o"));

        assertThat(tickets.comments(ticket.id())).extracting(Comment::body, Comment::internal).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Root cause: expired cert", true),
                org.assertj.core.groups.Tuple.tuple("Customer is on the old plan", true),
                org.assertj.core.groups.Tuple.tuple("Fixed, please retry", false));

        // sync_comments reads the same bean from GET /rest/api/3/issue/{key}/comment
        com.fasterxml.jackson.databind.node.ObjectNode listed = (com.fasterxml.jackson.databind.node.ObjectNode)
                jira.userComment(key, DEV, "Dana Developer", "Rollback planned for tonight");
        listed.putObject("visibility").put("type", "group").put("value", "jira-developers")
                .put("identifier", "276f955c-63d7-42c8-9520-92d01dca0625");
        connector.execute(new org.integrationhub.spi.ActionRequest("sync_comments",
                java.util.Map.of("ticket_id", ticket.id()), null));
        Comment synced = tickets.comments(ticket.id()).get(3);
        assertThat(synced.body()).isEqualTo("Rollback planned for tonight");
        assertThat(synced.internal()).isTrue();
    }

    @Test
    void aCommentTheHubAddedFromJiraNeverGoesBack() throws Exception {
        connector.handle(webhook(commentCreated(key, "10010", DEV, "Dana Developer", "Looking into it"), "wh-1"));
        Comment imported = tickets.comments(ticket.id()).get(0);
        int before = jira.server.requests().size();

        connector.onEvent(commented(imported)); // the comment.added the import emitted
        restart();
        connector.onEvent(commented(imported)); // redelivered after a restart

        assertThat(jira.server.requests()).as("calls to Jira").hasSize(before);
        assertThat(jira.only().comments).isEmpty();

        // an agent's comment with other text still goes
        Comment agent = tickets.addComment(ticket.id(), new Person(null, "Bob"), "Thanks Dana", false);
        connector.onEvent(commented(agent));
        assertThat(jira.only().commentTexts()).containsExactly("Thanks Dana\n\n-- From Helpdesk by Bob");
    }

    @Test
    void theHubsOwnCommentsInJiraAreNotImported() throws Exception {
        Comment agent = tickets.addComment(ticket.id(), new Person(null, "Bob"), "On my way", false);
        connector.onEvent(commented(agent));
        String jiraId = jira.only().comments.get(0).path("id").asText();

        connector.handle(webhook(commentCreated(key, jiraId, FakeJira.OWN_ACCOUNT, "Helpdesk Bot",
                "On my way\n\n-- From Helpdesk by Bob"), "wh-own"));
        // a comment of the connector's account the hub has no record of (written by another hub's instance)
        connector.handle(webhook(commentCreated(key, "10077", FakeJira.OWN_ACCOUNT, "Helpdesk Bot", "elsewhere"),
                "wh-other"));

        assertThat(tickets.comments(ticket.id())).containsExactly(agent);
    }

    @Test
    void aDoneTransitionResolvesAndReopeningReopens() {
        InboundResponse done = connector.handle(webhook(transitioned(key, "In Progress", "Done", "done",
                clock.millis()), "wh-done"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.bodyAsString()).contains("resolved");
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.RESOLVED);

        InboundResponse reopened = connector.handle(webhook(transitioned(key, "Done", "To Do", "new",
                clock.millis() + 1000), "wh-reopen"));
        assertThat(reopened.bodyAsString()).contains("reopened");
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);

        // a late duplicate of the Done webhook with an older timestamp changes nothing
        connector.handle(webhook(transitioned(key, "In Progress", "Done", "done", clock.millis()), "wh-done-late"));
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void movesOutsideDoneLeaveATicketTheHubResolvedAlone() {
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        connector.handle(webhook(transitioned(key, "To Do", "In Progress", "indeterminate", clock.millis()), "wh-2"));
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.RESOLVED);

        String noStatus = transitioned(key, "x", "y", "indeterminate", clock.millis() + 5)
                .replace("\"fieldId\":\"status\"", "\"fieldId\":\"summary\"").replace("\"field\":\"status\"",
                        "\"field\":\"summary\"");
        assertThat(connector.handle(webhook(noStatus, "wh-3")).bodyAsString()).contains("no status change");
    }

    @Test
    void webhooksOfIssuesWithoutTicketAreAcknowledgedAndIgnored() {
        InboundResponse r = connector.handle(webhook(commentCreated("OPS-7", "10010", DEV, "Dana", "hi"), "wh-9"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyAsString()).contains("ignored").contains("OPS-7 is not linked");

        InboundResponse notJson = connector.handle(webhook("not json", "wh-10"));
        assertThat(notJson.status()).isEqualTo(400);
    }
}
