package org.integrationhub.connector.trello.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Optional;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

/** Hub → Trello: the card of a ticket, its moves and its comments, each exactly once. */
class CardSyncTest extends TrelloTestSupport {

    @Test
    void aNewTicketBecomesOneCardOnTheNewListWithDueTimeLabelAndTicketUrl() throws Exception {
        Ticket ticket = openTicket(Priority.URGENT);
        deliverRecorded();

        Recorded create = trello.assertExactlyOnce("POST", "/1/cards");
        assertThat(create.queryParameter("idList")).isEqualTo(FakeTrello.LIST_NEW);
        assertThat(create.queryParameter("name")).isEqualTo("Printer on fire");
        assertThat(create.queryParameter("desc")).isEqualTo("3rd floor, next to the kitchen\n\nHelpdesk ticket "
                + ticket.id() + ": https://helpdesk.example.com/tickets/" + ticket.id());
        assertThat(create.queryParameter("due")).isEqualTo(ticket.slaDueAt().toString());
        assertThat(create.queryParameter("pos")).isEqualTo("top");
        assertThat(create.queryParameter("idLabels")).isEqualTo(FakeTrello.URGENT_LABEL);
        assertThat(create.header("Authorization")).isEqualTo("OAuth oauth_consumer_key=\"" + TestConfig.KEY
                + "\", oauth_token=\"" + TestConfig.TOKEN + "\"");
        assertThat(trello.requests()).as("no credential in any URL").noneMatch(r -> r.query()
                .contains(TestConfig.TOKEN) || r.query().contains(TestConfig.KEY));

        Recorded label = trello.assertExactlyOnce("POST", "/1/labels");
        assertThat(label.queryParameter("name")).isEqualTo("Urgent");
        assertThat(label.queryParameter("color")).isEqualTo("red");
        assertThat(label.queryParameter("idBoard")).isEqualTo(FakeTrello.BOARD);

        assertThat(links.links(ticket.id())).containsExactly(new TicketLink("trello-support", ticket.id(), "card",
                FakeTrello.CARD, FakeTrello.SHORT_URL));
    }

    @Test
    void anExistingLabelOfThePriorityIsUsedAndLabelsAreLookedUpOnce() throws Exception {
        trello.route("GET", "/1/boards/" + FakeTrello.BOARD + "/labels", Reply.of(200, "["
                + FakeTrello.label("5abbe4b7ddc1b351ef961450", "high", "purple") + "]"));
        openTicket(Priority.HIGH);
        openTicket(Priority.HIGH);
        deliverRecorded();

        assertThat(trello.requests("POST", "/1/cards")).hasSize(2)
                .allMatch(r -> r.queryParameter("idLabels").equals("5abbe4b7ddc1b351ef961450"));
        assertThat(trello.requests("POST", "/1/labels")).isEmpty();
        assertThat(trello.requests("GET", "/1/boards/" + FakeTrello.BOARD + "/labels")).hasSize(1);
    }

    @Test
    void aRedeliveredEventMakesNoSecondCard() throws Exception {
        openTicket(Priority.NORMAL);
        var created = tickets.lastEvent();
        integration.onEvent(created);
        integration.onEvent(created);

        trello.assertExactlyOnce("POST", "/1/cards");
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundOnTheBoardInsteadOfMadeTwice() throws Exception {
        Ticket ticket = openTicket(Priority.NORMAL);
        var created = tickets.lastEvent();
        trello.route("POST", "/1/cards", Reply.drop());
        IntegrationException lost = catchThrowableOfType(IntegrationException.class, () -> integration.onEvent(created));
        assertThat(lost.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(links.link("trello-support", ticket.id(), "card")).isEmpty();

        // Trello did make it: the board's cards carry the ticket's marker
        trello.route("GET", "/1/boards/" + FakeTrello.BOARD + "/cards", Reply.of(200, "["
                + FakeTrello.card("5abbe4b7ddc1b351ef961499", FakeTrello.LIST_DOING, "Other", "no marker") + ","
                + FakeTrello.card(FakeTrello.CARD, FakeTrello.LIST_NEW, "Printer on fire", "3rd floor\\n\\nHelpdesk "
                        + "ticket " + ticket.id() + ": https://helpdesk.example.com/tickets/" + ticket.id()) + "]"));
        integration.onEvent(created);

        trello.assertExactlyOnce("POST", "/1/cards");
        assertThat(links.link("trello-support", ticket.id(), "card")).map(TicketLink::key)
                .contains(FakeTrello.CARD);
    }

    @Test
    void aCreateWhoseAnswerWasLostAndThatDidNotHappenIsMadeAgain() throws Exception {
        Ticket ticket = openTicket(Priority.NORMAL);
        var created = tickets.lastEvent();
        trello.route("POST", "/1/cards", Reply.status(503), Reply.of(200, FakeTrello.card(FakeTrello.CARD,
                FakeTrello.LIST_NEW, "Printer on fire", "")));
        assertThat(catchThrowableOfType(IntegrationException.class, () -> integration.onEvent(created)).category())
                .isEqualTo(ErrorCategory.COMMUNICATION);

        integration.onEvent(created);

        trello.assertExactlyOnce("GET", "/1/boards/" + FakeTrello.BOARD + "/cards");
        assertThat(trello.requests("POST", "/1/cards")).hasSize(2);
        assertThat(links.link("trello-support", ticket.id(), "card")).isPresent();
    }

    @Test
    void trelloRateLimitIsRateLimitedWithItsWindowAndTheRetryMakesOneCard() throws Exception {
        openTicket(Priority.NORMAL);
        var created = tickets.lastEvent();
        trello.route("POST", "/1/cards",
                Reply.of(429, "{\"error\":\"API_TOKEN_LIMIT_EXCEEDED\",\"message\":\"Rate limit exceeded\"}"),
                Reply.of(429, "{\"error\":\"API_KEY_LIMIT_EXCEEDED\"}").withHeader("Retry-After", "3"),
                Reply.of(200, FakeTrello.card(FakeTrello.CARD, FakeTrello.LIST_NEW, "Printer on fire", "")));

        IntegrationException first = catchThrowableOfType(IntegrationException.class,
                () -> integration.onEvent(created));
        assertThat(first.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(first.retryAfter()).as("no Retry-After: the rest of Trello's 10 s window")
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(first.getMessage()).contains("API_TOKEN_LIMIT_EXCEEDED");
        IntegrationException second = catchThrowableOfType(IntegrationException.class,
                () -> integration.onEvent(created));
        assertThat(second.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        integration.onEvent(created);

        assertThat(trello.requests("POST", "/1/cards")).hasSize(3);
        assertThat(links.links(created.ticketId())).hasSize(1);
        assertThat(integration.descriptor().quota().permits()).isEqualTo(100);
        assertThat(integration.descriptor().quota().period()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void resolvedMovesTheCardToTheDoneListAndReopenedBackOnce() throws Exception {
        Ticket ticket = openTicket(Priority.NORMAL);
        deliverRecorded();
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.CLOSED));
        deliverRecorded();

        Recorded move = trello.assertExactlyOnce("PUT", "/1/cards/" + FakeTrello.CARD);
        assertThat(move.queryParameter("idList")).isEqualTo(FakeTrello.LIST_DONE);

        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.OPEN));
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.PENDING));
        deliverRecorded();

        assertThat(trello.requests("PUT", "/1/cards/" + FakeTrello.CARD)).extracting(r -> r.queryParameter("idList"))
                .containsExactly(FakeTrello.LIST_DONE, FakeTrello.LIST_NEW);
    }

    @Test
    void aTicketFirstSeenResolvedGetsItsCardOnTheDoneList() throws Exception {
        Ticket ticket = openTicket(Priority.LOW);
        tickets.clearRecordedEvents();
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        deliverRecorded();

        assertThat(trello.assertExactlyOnce("POST", "/1/cards").queryParameter("idList"))
                .isEqualTo(FakeTrello.LIST_DONE);
        assertThat(trello.requests("PUT", "/1/cards/" + FakeTrello.CARD)).isEmpty();
    }

    @Test
    void publicCommentsBecomeCardCommentsOnceAndInternalNotesStay() throws Exception {
        Ticket ticket = openTicket(Priority.NORMAL);
        deliverRecorded();
        tickets.addComment(ticket.id(), new Person("bob@example.com", "Bob"), "On my way", false);
        tickets.addComment(ticket.id(), new Person("bob@example.com", "Bob"), "customer is grumpy", true);
        var events = tickets.recordedEvents();
        deliverRecorded();
        integration.onEvent(events.get(0)); // redelivered

        Recorded comment = trello.assertExactlyOnce("POST", "/1/cards/" + FakeTrello.CARD + "/actions/comments");
        assertThat(comment.queryParameter("text")).isEqualTo("On my way\n\n-- From Helpdesk by Bob");
    }

    @Test
    void aCommentWhoseAnswerWasLostIsFoundOnTheCard() throws Exception {
        Ticket ticket = openTicket(Priority.NORMAL);
        deliverRecorded();
        Comment c = tickets.addComment(ticket.id(), new Person("bob@example.com", "Bob"), "On my way", false);
        var event = tickets.lastEvent();
        trello.route("POST", "/1/cards/" + FakeTrello.CARD + "/actions/comments", Reply.drop());
        assertThat(catchThrowableOfType(IntegrationException.class, () -> integration.onEvent(event)).category())
                .isEqualTo(ErrorCategory.COMMUNICATION);
        integration.checkHealth(); // learns its own member id
        trello.route("GET", "/1/cards/" + FakeTrello.CARD + "/actions", Reply.of(200, "["
                + FakeTrello.commentAction("5abbe4b7ddc1b351ef961431", FakeTrello.PERSON, "Grace Hopper",
                        FakeTrello.CARD, "On my way\\n\\n-- From Helpdesk by Bob") + ","
                + FakeTrello.commentAction("5abbe4b7ddc1b351ef961432", FakeTrello.OWN_MEMBER, "Helpdesk Bot",
                        FakeTrello.CARD, "On my way\\n\\n-- From Helpdesk by Bob") + "]"));

        integration.onEvent(event);

        assertThat(trello.requests("POST", "/1/cards/" + FakeTrello.CARD + "/actions/comments")).hasSize(1);
        assertThat(links.values()).containsEntry("trello-support/" + ticket.id() + "/trello.out." + c.id(),
                "5abbe4b7ddc1b351ef961432");
    }

    @Test
    void theLookupAfterALostCommentReadsTrellosPagesOfFiftyActions() throws Exception {
        Ticket ticket = openTicket(Priority.NORMAL);
        deliverRecorded();
        Comment c = tickets.addComment(ticket.id(), new Person("bob@example.com", "Bob"), "On my way", false);
        var event = tickets.lastEvent();
        trello.route("POST", "/1/cards/" + FakeTrello.CARD + "/actions/comments", Reply.drop());
        assertThat(catchThrowableOfType(IntegrationException.class, () -> integration.onEvent(event)).category())
                .isEqualTo(ErrorCategory.COMMUNICATION);
        StringBuilder fullPage = new StringBuilder("[");
        for (int i = 0; i < 50; i++) { // a busy card: a full first page of people's comments
            fullPage.append(i == 0 ? "" : ",").append(FakeTrello.commentAction(String.format(
                    "5abbe4b7ddc1b351ef96%04x", i), FakeTrello.PERSON, "Grace Hopper", FakeTrello.CARD, "note " + i));
        }
        trello.route("GET", "/1/cards/" + FakeTrello.CARD + "/actions", Reply.of(200, fullPage + "]"),
                Reply.of(200, "[" + FakeTrello.commentAction("5abbe4b7ddc1b351ef961432", FakeTrello.OWN_MEMBER,
                        "Helpdesk Bot", FakeTrello.CARD, "On my way\\n\\n-- From Helpdesk by Bob") + "]"));

        integration.onEvent(event);

        assertThat(trello.requests("GET", "/1/cards/" + FakeTrello.CARD + "/actions"))
                .extracting(r -> r.queryParameter("filter") + " " + r.queryParameter("page"))
                .containsExactly("commentCard 0", "commentCard 1");
        assertThat(trello.requests("POST", "/1/cards/" + FakeTrello.CARD + "/actions/comments")).hasSize(1);
        assertThat(links.values()).containsEntry("trello-support/" + ticket.id() + "/trello.out." + c.id(),
                "5abbe4b7ddc1b351ef961432");
    }

    @Test
    void trelloErrorsAreClassifiedWithoutCredentials() throws Exception {
        openTicket(Priority.NORMAL);
        var created = tickets.lastEvent();
        trello.route("POST", "/1/cards", Reply.of(401, "invalid token " + TestConfig.TOKEN).withContentType(
                "text/plain"));
        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> integration.onEvent(created));
        assertThat(e.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
        assertThat(e.getMessage()).contains("invalid token").doesNotContain(TestConfig.TOKEN);

        trello.route("POST", "/1/cards", Reply.of(400, "invalid value for idList").withContentType("text/plain"));
        assertThat(catchThrowableOfType(IntegrationException.class, () -> integration.onEvent(created)).category())
                .isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(links.values()).as("a refused create leaves nothing pending").isEmpty();
    }

    @Test
    void createCardActionLinksAnOlderTicket() throws Exception {
        Ticket ticket = openTicket(Priority.NORMAL);
        var result = integration.execute(new org.integrationhub.spi.ActionRequest("create_card",
                java.util.Map.of("ticket_id", ticket.id()), null));
        assertThat(result.data()).containsEntry("card_id", FakeTrello.CARD).containsEntry("url", FakeTrello.SHORT_URL);
        integration.execute(new org.integrationhub.spi.ActionRequest("create_card",
                java.util.Map.of("ticket_id", ticket.id()), null));
        trello.assertExactlyOnce("POST", "/1/cards");
        assertThat(Optional.ofNullable(catchThrowableOfType(IntegrationException.class, () -> integration.execute(
                new org.integrationhub.spi.ActionRequest("create_card", java.util.Map.of("ticket_id", "nope"), null))))
                .map(IntegrationException::category)).contains(ErrorCategory.CONFIGURATION);
    }

    @Test
    void subjectDescriptionAndPriorityChangesUpdateTheCardKeepingTheTeamsLabels() throws Exception {
        String normal = "5abbe4b7ddc1b351ef961451";
        String hardware = "5abbe4b7ddc1b351ef961452";
        trello.route("GET", "/1/boards/" + FakeTrello.BOARD + "/labels", Reply.of(200, "["
                + FakeTrello.label(normal, "Normal", "green") + "," + FakeTrello.label(hardware, "Hardware", "sky")
                + "]"));
        Ticket ticket = openTicket(Priority.NORMAL);
        deliverRecorded();
        trello.route("GET", "/1/cards/" + FakeTrello.CARD, Reply.of(200, "{\"id\":\"" + FakeTrello.CARD
                + "\",\"idLabels\":[\"" + normal + "\",\"" + hardware + "\"]}"));

        Ticket changed = tickets.update(ticket.id(), new TicketUpdate("Printer on fire, 2nd floor too", null,
                Priority.URGENT, null, null));
        tickets.update(ticket.id(), TicketUpdate.assign("bob@example.com")); // nothing the card shows
        deliverRecorded();

        Recorded update = trello.assertExactlyOnce("PUT", "/1/cards/" + FakeTrello.CARD);
        assertThat(update.queryParameters().keySet()).containsExactly("name", "due", "idLabels");
        assertThat(update.queryParameter("name")).isEqualTo("Printer on fire, 2nd floor too");
        assertThat(update.queryParameter("due")).isEqualTo(changed.slaDueAt().toString());
        assertThat(update.queryParameter("idLabels")).isEqualTo(hardware + "," + FakeTrello.URGENT_LABEL);

        tickets.update(ticket.id(), new TicketUpdate(null, "Now the 2nd floor as well", null, null, null));
        deliverRecorded();
        Recorded desc = trello.requests("PUT", "/1/cards/" + FakeTrello.CARD).get(1);
        assertThat(desc.queryParameters().keySet()).containsExactly("desc");
        assertThat(desc.queryParameter("desc")).startsWith("Now the 2nd floor as well\n\nHelpdesk ticket "
                + ticket.id());
    }
}
