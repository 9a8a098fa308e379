package org.integrationhub.connector.jira.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Hub → Jira comments: the original design's text, once each, internal ones only when configured. */
class JiraCommentTest extends JiraTestSupport {

    Ticket ticket;
    String key;

    @BeforeEach
    void linkedTicket() throws Exception {
        ticket = open("Printer on fire", Priority.URGENT);
        connector.onEvent(created(ticket));
        key = jira.only().key;
    }

    @Test
    void eachCommentArrivesOnceWithTheFooterAsAnAdfBody() throws Exception {
        Comment first = tickets.addComment(ticket.id(), new Person("bob@example.com", "Bob Agent"), "On my way", false);
        Comment second = tickets.addComment(ticket.id(), new Person("carol@example.com", null), "Fixed the fuser.\n"
                + "Please try again.", false);

        connector.onEvent(commented(first));
        connector.onEvent(commented(second));
        connector.onEvent(commented(first)); // redelivered
        restart();
        connector.onEvent(commented(second)); // redelivered after a restart

        assertThat(jira.only().commentTexts()).containsExactly(
                "On my way\n\n-- From Helpdesk by Bob Agent",
                "Fixed the fuser.\nPlease try again.\n\n-- From Helpdesk by carol@example.com");
        Recorded post = jira.server.requests("POST", "/rest/api/3/issue/" + key + "/comment").get(0);
        JsonNode body = json.readTree(post.body());
        assertThat(body.path("body").path("type").asText()).isEqualTo("doc");
        assertThat(body.path("body").path("content").get(0).path("type").asText()).isEqualTo("paragraph");
        assertThat(body.path("properties").get(0).path("key").asText()).isEqualTo("integration-hub");
        assertThat(body.path("properties").get(0).path("value").path("commentId").asText()).isEqualTo(first.id());
    }

    @Test
    void internalCommentsStayInTheHubUnlessConfigured() throws Exception {
        Comment note = tickets.addComment(ticket.id(), new Person(null, "Bob"), "customer is a VIP", true);
        connector.onEvent(commented(note));
        assertThat(jira.only().comments).isEmpty();

        config.internal = true;
        restart();
        connector.onEvent(commented(note));
        assertThat(jira.only().commentTexts()).containsExactly("customer is a VIP\n\n-- From Helpdesk by Bob");
    }

    @Test
    void aTicketWithoutIssueSendsNothing() throws Exception {
        Ticket other = open("Not escalated", Priority.LOW);
        Comment c = tickets.addComment(other.id(), new Person(null, "Bob"), "hello", false);
        int before = jira.server.requests().size();
        connector.onEvent(commented(c));
        assertThat(jira.server.requests()).hasSize(before);
    }

    @Test
    void aCommentWhoseAnswerWasLostIsNotPostedTwice() throws Exception {
        Comment c = tickets.addComment(ticket.id(), new Person(null, "Bob"), "On my way", false);
        jira.failNext("POST", "/rest/api/3/issue/" + key + "/comment", Reply.drop());
        catchThrowableOfType(IntegrationException.class, () -> connector.onEvent(commented(c)));
        assertThat(jira.only().comments).isEmpty(); // the fake dropped it before storing: the retry must post

        connector.onEvent(commented(c));
        assertThat(jira.only().commentTexts()).containsExactly("On my way\n\n-- From Helpdesk by Bob");

        // now a lost answer after Jira stored the comment: the retry finds it instead of posting again
        Comment d = tickets.addComment(ticket.id(), new Person(null, "Bob"), "Still on it", false);
        jira.failNext("POST", "/rest/api/3/issue/" + key + "/comment", Reply.of(504, ""));
        jira.userComment(key, FakeJira.OWN_ACCOUNT, "Helpdesk Bot", "Still on it\n\n-- From Helpdesk by Bob");
        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> connector.onEvent(commented(d)));
        assertThat(e.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        connector.onEvent(commented(d));
        assertThat(jira.only().commentTexts()).containsExactly("On my way\n\n-- From Helpdesk by Bob",
                "Still on it\n\n-- From Helpdesk by Bob");
        assertThat(jira.server.requests("POST", "/rest/api/3/issue/" + key + "/comment")).hasSize(3);
    }
}
