package org.integrationhub.connector.asana.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Hub events → the ticket's Asana task, against {@link FakeAsana}. */
class AsanaSyncTest extends AsanaTestSupport {

    private static final String TASKS = FakeAsana.API + "/tasks";
    private static final String PROJECT_TASKS = FakeAsana.API + "/projects/" + FakeAsana.PROJECT + "/tasks";

    @Test
    void aNewTicketBecomesOneTaskLinkedToIt() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        HubEvent created = tickets.lastEvent();
        integration.onEvent(created);
        integration.onEvent(created); // at least once: the same event again

        Recorded post = asana.server.assertExactlyOnce("POST", TASKS);
        assertThat(post.header("Authorization")).isEqualTo("Bearer " + config.token);
        JsonNode data = FakeAsana.data(post);
        assertThat(data.path("name").asText()).isEqualTo("Printer on fire");
        assertThat(data.path("notes").asText()).isEqualTo("3rd floor, next to the kitchen\n\nHelpdesk ticket "
                + ticket.id() + ": https://help.example.com/tickets/" + ticket.id());
        assertThat(data.path("due_at").asText()).isEqualTo(ticket.slaDueAt().toString());
        assertThat(data.path("projects").path(0).asText()).isEqualTo(FakeAsana.PROJECT);
        assertThat(data.path("workspace").asText()).isEqualTo(FakeAsana.WORKSPACE);

        String gid = asana.tasks.keySet().iterator().next();
        assertThat(links.links(ticket.id())).containsExactly(new TicketLink(config.name, ticket.id(), "task", gid,
                "https://app.asana.com/0/" + FakeAsana.PROJECT + "/" + gid));
        assertThat(links.findByKey(config.name, "task", gid)).map(TicketLink::ticketId).contains(ticket.id());
    }

    @Test
    void aRateLimitedCreateCarriesRetryAfterAndTheRetryMakesOneTask() throws Exception {
        Ticket ticket = openTicket("VPN drops");
        HubEvent created = tickets.lastEvent();
        asana.server.route("POST", TASKS, Reply.of(429, "{\"errors\":[{\"message\":\"You have made too many "
                + "requests recently. Please, be chill.\"}]}").withHeader("Retry-After", "30"));

        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> integration.onEvent(created));
        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("429").contains("too many requests").doesNotContain(config.token);
        assertThat(links.link(config.name, ticket.id(), "task")).isEmpty();

        asana.server.route("POST", TASKS, Reply.of(201, "{\"data\":{\"gid\":\"1204000000000555\",\"resource_type\":"
                + "\"task\",\"completed\":false,\"permalink_url\":\"https://app.asana.com/0/1/1204000000000555\"}}"));
        integration.onEvent(created);
        assertThat(asana.server.requests("POST", TASKS)).hasSize(2);
        assertThat(asana.server.requests("GET", PROJECT_TASKS)).as("the retry first looked for the task").hasSize(1);
        assertThat(links.link(config.name, ticket.id(), "task")).map(TicketLink::key).contains("1204000000000555");
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundAgainInsteadOfMadeTwice() throws Exception {
        for (int i = 0; i < 120; i++) { // more than one page of open tasks, listed before the one made below
            asana.addOpenTask(Long.toString(1203900000000000L + i), FakeAsana.PROJECT, "Helpdesk ticket elsewhere");
        }
        config.timeoutMillis = 300;
        AsanaIntegration impatient = newInstance();
        Ticket ticket = openTicket("Lost answer");
        HubEvent created = tickets.lastEvent();
        asana.slowCreate = Duration.ofSeconds(2);

        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> impatient.onEvent(created));
        assertThat(e.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        asana.slowCreate = null;
        impatient.onEvent(created);

        asana.server.assertExactlyOnce("POST", TASKS);
        List<Recorded> pages = asana.server.requests("GET", PROJECT_TASKS);
        assertThat(pages).as("pages read").hasSize(2);
        assertThat(pages.get(0).queryParameters()).containsOnlyKeys("completed_since", "limit", "opt_fields")
                .containsEntry("completed_since", List.of("now")).containsEntry("limit", List.of("100"));
        assertThat(pages.get(1).queryParameter("offset")).as("Asana's own next_page offset")
                .isNotBlank().isNotEqualTo("100");
        String made = asana.tasks.values().stream().filter(t -> t.path("name").asText().equals("Lost answer"))
                .findFirst().orElseThrow().path("gid").asText();
        assertThat(links.link(config.name, ticket.id(), "task")).map(TicketLink::key).contains(made);
    }

    @Test
    void commentsBecomeStoriesOnce() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        String gid = ticketWithTask(ticket);
        tickets.addComment(ticket.id(), new Person("bob@example.com", "Bob"), "On my way", false);
        HubEvent comment = tickets.lastEvent();
        integration.onEvent(comment);
        integration.onEvent(comment);

        Recorded story = asana.server.assertExactlyOnce("POST", TASKS + "/" + gid + "/stories");
        assertThat(story.query()).as("gid is always answered; opt_fields=gid is no value of the operation's enum")
                .isEmpty();
        assertThat(FakeAsana.data(story).path("text").asText()).isEqualTo("On my way\n\n-- From Helpdesk by Bob");
    }

    @Test
    void aCommentWhoseAnswerWasLostIsNotPostedTwice() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        String gid = ticketWithTask(ticket);
        tickets.addComment(ticket.id(), new Person("bob@example.com", "Bob"), "On my way", false);
        HubEvent comment = tickets.lastEvent();
        String stories = TASKS + "/" + gid + "/stories";
        asana.server.route("POST", stories, Reply.of(500, "{\"errors\":[{\"message\":\"Server Error\","
                + "\"phrase\":\"6 sad squid snuggle softly\"}]}"));
        // Asana stored the story but the answer was an error: it is there when the retry looks
        asana.comments(gid, "On my way\n\n-- From Helpdesk by Bob", FakeAsana.ME, "Hub Bot");

        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> integration.onEvent(comment));
        assertThat(e.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        integration.onEvent(comment);

        assertThat(asana.server.requests("POST", stories)).hasSize(1);
        assertThat(asana.server.requests("GET", stories)).hasSize(1);
    }

    @Test
    void aLostCommentIsFoundBeyondTheFirstPageOfALongTasksStories() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        String gid = ticketWithTask(ticket);
        asana.addSystemStories(gid, 120); // Asana lists stories oldest first: the comment is on the second page
        tickets.addComment(ticket.id(), new Person("bob@example.com", "Bob"), "On my way", false);
        HubEvent comment = tickets.lastEvent();
        String stories = TASKS + "/" + gid + "/stories";
        asana.server.route("POST", stories, Reply.of(504, "{\"errors\":[{\"message\":\"Gateway Timeout\"}]}"));
        asana.comments(gid, "On my way\n\n-- From Helpdesk by Bob", FakeAsana.ME, "Hub Bot");

        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> integration.onEvent(comment));
        assertThat(e.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        integration.onEvent(comment);

        assertThat(asana.server.requests("POST", stories)).as("not posted a second time").hasSize(1);
        List<Recorded> pages = asana.server.requests("GET", stories);
        assertThat(pages).hasSize(2);
        assertThat(pages.get(1).queryParameter("offset")).isNotBlank();
    }

    @Test
    void resolvingCompletesReopeningUncompletesAndNothingIsSentTwice() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        String gid = ticketWithTask(ticket);
        tickets.clearRecordedEvents();
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.CLOSED));
        deliverNewEvents();
        List<Recorded> puts = asana.server.requests("PUT", TASKS + "/" + gid);
        assertThat(puts).as("closing a completed task changes nothing at Asana").hasSize(1);
        assertThat(FakeAsana.data(puts.get(0)).path("completed").asBoolean()).isTrue();
        assertThat(asana.tasks.get(gid).path("completed").asBoolean()).isTrue();

        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.OPEN));
        deliverNewEvents();
        puts = asana.server.requests("PUT", TASKS + "/" + gid);
        assertThat(puts).hasSize(2);
        assertThat(FakeAsana.data(puts.get(1)).path("completed").asBoolean()).isFalse();
    }

    @Test
    void subjectAndPriorityChangesRenameTheTaskAndMoveItsDueTime() throws Exception {
        Ticket ticket = openTicket("Printer on fire");
        String gid = ticketWithTask(ticket);
        tickets.clearRecordedEvents();
        Ticket changed = tickets.update(ticket.id(), new TicketUpdate("Printer still on fire", null, Priority.LOW,
                null, null));
        deliverNewEvents();
        JsonNode put = FakeAsana.data(asana.server.assertExactlyOnce("PUT", TASKS + "/" + gid));
        assertThat(put.path("name").asText()).isEqualTo("Printer still on fire");
        assertThat(put.path("due_at").asText()).isEqualTo(changed.slaDueAt().toString());
        assertThat(put.has("completed")).isFalse();
    }

    @Test
    void eventsOfATicketWithoutTaskCallNothing() throws Exception {
        Ticket ticket = openTicket("Before the connector");
        tickets.clearRecordedEvents();
        tickets.addComment(ticket.id(), new Person("bob@example.com", "Bob"), "Hello", false);
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        deliverNewEvents();
        assertThat(asana.server.requests()).isEmpty();
    }

    @Test
    void createTaskMakesTheTaskOfAnExistingTicketOnce() throws Exception {
        Ticket ticket = openTicket("Before the connector");
        ActionResult first = integration.execute(new ActionRequest("create_task", Map.of("ticket_id", ticket.id()),
                "k1"));
        ActionResult again = integration.execute(new ActionRequest("create_task", Map.of("ticket_id", ticket.id()),
                "k2"));
        asana.server.assertExactlyOnce("POST", TASKS);
        assertThat(again).isEqualTo(first);
        assertThat(first.data().get("url")).asString().startsWith("https://app.asana.com/0/");

        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> integration.execute(
                new ActionRequest("create_task", Map.of("ticket_id", "01JNOSUCHTICKET0000000000"), "k3")));
        assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
    }
}
