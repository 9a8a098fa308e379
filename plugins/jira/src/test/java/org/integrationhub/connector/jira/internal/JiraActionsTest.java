package org.integrationhub.connector.jira.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The gateway actions create_issue, link_issue and sync_comments. */
class JiraActionsTest extends JiraTestSupport {

    @Test
    void createIssueTakesProjectAndTypeOverridesAndIsIdempotent() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.NORMAL);

        ActionResult first = connector.execute(new ActionRequest("create_issue",
                Map.of("ticket_id", ticket.id(), "project", "OPS", "issue_type", "Bug"), "k1"));
        ActionResult again = connector.execute(new ActionRequest("create_issue",
                Map.of("ticket_id", ticket.id()), "k2"));

        assertThat(first.data()).containsEntry("ticket_id", ticket.id()).containsEntry("key", "OPS-1")
                .containsEntry("url", jira.url() + "/browse/OPS-1").containsEntry("created", true);
        assertThat(again.data()).containsEntry("key", "OPS-1").containsEntry("created", false);
        JsonNode fields = json.readTree(jira.server.assertExactlyOnce("POST", "/rest/api/3/issue").body())
                .path("fields");
        assertThat(fields.path("project").path("key").asText()).isEqualTo("OPS");
        assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Bug");
        assertThat(fields.path("priority").path("name").asText()).isEqualTo("Medium");
    }

    @Test
    void linkIssueLinksAnExistingIssueAndRefusesOneOwnedByAnotherTicket() throws Exception {
        Ticket first = open("Printer on fire", Priority.URGENT);
        connector.onEvent(created(first));
        Ticket second = open("Also the printer", Priority.LOW);

        IntegrationException taken = catchThrowableOfType(IntegrationException.class, () -> connector.execute(
                new ActionRequest("link_issue", Map.of("ticket_id", second.id(), "key", "HELP-1"), "k")));
        assertThat(taken.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(taken.getMessage()).contains("already linked to ticket " + first.id());

        IntegrationException missing = catchThrowableOfType(IntegrationException.class, () -> connector.execute(
                new ActionRequest("link_issue", Map.of("ticket_id", second.id(), "key", "HELP-99"), "k")));
        assertThat(missing.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(missing.getMessage()).contains("Issue does not exist");

        IntegrationException badKey = catchThrowableOfType(IntegrationException.class, () -> connector.execute(
                new ActionRequest("link_issue", Map.of("ticket_id", second.id(), "key", "../myself"), "k")));
        assertThat(badKey.category()).isEqualTo(ErrorCategory.CONFIGURATION);

        Ticket third = open("Escalated by hand", Priority.HIGH);
        connector.execute(new ActionRequest("create_issue", Map.of("ticket_id", third.id()), "k"));
        String thirdKey = links.link("jira-eng", third.id(), "issue").orElseThrow().key();
        links.removeLink("jira-eng", third.id(), "issue"); // the operator moves that issue to the second ticket
        jira.issues.get(thirdKey).statusCategory = "indeterminate";

        ActionResult linked = connector.execute(new ActionRequest("link_issue",
                Map.of("ticket_id", second.id(), "key", thirdKey), "k"));
        assertThat(linked.data()).containsEntry("key", thirdKey).containsEntry("url", jira.url() + "/browse/"
                + thirdKey);
        assertThat(links.findByKey("jira-eng", "issue", thirdKey).orElseThrow().ticketId()).isEqualTo(second.id());
        assertThat(jira.issues.get(thirdKey).remoteLinks).extracting(l -> l.path("globalId").asText())
                .contains("hub:ticket:" + second.id());
    }

    @Test
    void syncCommentsSendsWhatJiraLacksAndImportsWhatTheTicketLacks() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.URGENT);
        connector.onEvent(created(ticket));
        String key = jira.only().key;
        tickets.addComment(ticket.id(), new Person(null, "Bob"), "written while Jira was down", false);
        tickets.addComment(ticket.id(), new Person(null, "Bob"), "internal note", true);
        jira.userComment(key, "557058:dev", "Dana Developer", "a comment whose webhook was lost");

        ActionResult result = connector.execute(new ActionRequest("sync_comments",
                Map.of("ticket_id", ticket.id()), "k"));
        ActionResult again = connector.execute(new ActionRequest("sync_comments",
                Map.of("ticket_id", ticket.id()), "k"));

        assertThat(result.data()).containsEntry("sent", 1).containsEntry("imported", 1).containsEntry("key", key);
        assertThat(again.data()).containsEntry("sent", 0).containsEntry("imported", 0);
        assertThat(jira.only().commentTexts()).containsExactly("a comment whose webhook was lost",
                "written while Jira was down\n\n-- From Helpdesk by Bob");
        assertThat(tickets.comments(ticket.id())).extracting(c -> c.body()).containsExactly(
                "written while Jira was down", "internal note", "a comment whose webhook was lost");
    }

    @Test
    void actionsNeedAnExistingTicket() {
        IntegrationException noTicket = catchThrowableOfType(IntegrationException.class, () -> connector.execute(
                new ActionRequest("sync_comments", Map.of("ticket_id", "01JNOPE"), "k")));
        assertThat(noTicket.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(noTicket.getMessage()).isEqualTo("no ticket 01JNOPE");

        Ticket ticket = open("Printer on fire", Priority.URGENT);
        IntegrationException noIssue = catchThrowableOfType(IntegrationException.class, () -> connector.execute(
                new ActionRequest("sync_comments", Map.of("ticket_id", ticket.id()), "k")));
        assertThat(noIssue.getMessage()).contains("has no Jira issue");
    }
}
