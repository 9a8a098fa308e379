package org.integrationhub.connector.trello.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.connector.trello.internal.inbound.WebhookVerifier;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

/** Trello → hub: the HEAD check, signatures, card moves and comments, replays and the connector's own actions. */
class TrelloWebhookTest extends TrelloTestSupport {

    private static final String ACTION = "6751a3c2e4b0a1d2c3f4e5a1";

    private Ticket ticketWithCard() throws Exception {
        Ticket ticket = openTicket(Priority.NORMAL);
        deliverRecorded();
        return ticket;
    }

    @Test
    void headIsAnsweredWith200SoTrelloCreatesTheWebhook() throws Exception {
        // CONTRACT: HEAD → 200 — Trello's check of a callback URL, also for a webhook made without register_webhook
        assertThat(head().status()).isEqualTo(200);
        assertThat(head().body()).isEmpty();
        assertThat(tickets.recordedEvents()).isEmpty();
        assertThat(links.values()).isEmpty();

        // a Trello that cannot reach the hub: the registration fails as a configuration problem
        trello.otherwise(r -> Reply.of(400, "URL (" + r.queryParameter("callbackURL") + ") did not return 200 "
                + "status code, got 404").withContentType("text/plain"));
        assertThat(catchThrowableOfType(IntegrationException.class, () -> integration.execute(
                new ActionRequest("register_webhook", Map.of(), null))).category())
                .isEqualTo(ErrorCategory.CONFIGURATION);

        // Trello checks the callback with HEAD while it creates the webhook, and creates it only on a 200; the
        // check may reach any hub node sharing the database (here: a second instance object on the same links)
        TrelloIntegration otherNode = new TrelloIntegration(context, links, config);
        AtomicInteger headStatus = new AtomicInteger();
        AtomicInteger otherNodeStatus = new AtomicInteger();
        trello.otherwise(r -> {
            if (!r.path().equals("/1/webhooks/")) {
                return Reply.of(404, "not found");
            }
            otherNodeStatus.set(otherNode.handle(new InboundRequest("HEAD", "webhook", Map.of(), new byte[0], ""))
                    .status());
            headStatus.set(head().status());
            return headStatus.get() == 200 ? Reply.of(200, "{\"id\":\"5abbe4b7ddc1b351ef961460\",\"description\":"
                    + "\"Integration Hub trello-support\",\"idModel\":\"" + FakeTrello.BOARD + "\",\"callbackURL\":\""
                    + r.queryParameter("callbackURL") + "\",\"active\":true,\"consecutiveFailures\":0}")
                    : Reply.of(400, "URL (" + r.queryParameter("callbackURL") + ") did not return 200 status code "
                            + "but " + headStatus.get());
        });
        ActionResult result = integration.execute(new ActionRequest("register_webhook", Map.of(), null));

        Recorded create = trello.requests("POST", "/1/webhooks/").get(1);
        assertThat(create.queryParameter("callbackURL")).isEqualTo(CALLBACK);
        assertThat(create.queryParameter("idModel")).isEqualTo(FakeTrello.BOARD);
        assertThat(headStatus.get()).isEqualTo(200);
        assertThat(otherNodeStatus.get()).isEqualTo(200);
        assertThat(result.data()).containsEntry("webhook_id", "5abbe4b7ddc1b351ef961460")
                .containsEntry("created", true).containsEntry("callback_url", CALLBACK);
        assertThat(head().status()).as("registered: later checks pass too").isEqualTo(200);

        // registering again: Trello says it exists; still fine
        trello.otherwise(r -> Reply.of(400, "A webhook with that callback, model, and token already exists")
                .withContentType("text/plain"));
        assertThat(integration.execute(new ActionRequest("register_webhook", Map.of(), null)).data())
                .containsEntry("created", false);
    }

    @Test
    void aSignedMoveToTheDoneListResolvesTheTicketOnceAndAReplayChangesNothing() throws Exception {
        Ticket ticket = ticketWithCard();
        String move = FakeTrello.moveDelivery(ACTION, FakeTrello.PERSON, FakeTrello.BOARD, FakeTrello.CARD,
                FakeTrello.LIST_DOING, FakeTrello.LIST_DONE);

        assertThat(deliver(move).status()).isEqualTo(200);
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.RESOLVED);
        var events = tickets.recordedEvents();
        assertThat(events).hasSize(1);

        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.OPEN)); // an agent reopens it in the hub
        tickets.clearRecordedEvents();
        assertThat(deliver(move).status()).as("Trello retries the same action").isEqualTo(200);
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(tickets.recordedEvents()).isEmpty();

        // the ticket.resolved the move caused does not move the card again
        integration.onEvent(events.get(0));
        assertThat(trello.requests("PUT", "/1/cards/" + FakeTrello.CARD)).isEmpty();
    }

    @Test
    void aMoveOutOfTheDoneListReopensAndMovesBetweenOtherListsDoNothing() throws Exception {
        Ticket ticket = ticketWithCard();
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.CLOSED));
        deliverRecorded(); // the card moves to done

        assertThat(deliver(FakeTrello.moveDelivery(ACTION, FakeTrello.PERSON, FakeTrello.BOARD, FakeTrello.CARD,
                FakeTrello.LIST_DONE, FakeTrello.LIST_DOING)).status()).isEqualTo(200);
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        deliverRecorded(); // the reopening does not move the card back to "To Do": a person put it in "Doing"
        assertThat(trello.requests("PUT", "/1/cards/" + FakeTrello.CARD)).hasSize(1);

        assertThat(deliver(FakeTrello.moveDelivery("6751a3c2e4b0a1d2c3f4e5a2", FakeTrello.PERSON, FakeTrello.BOARD,
                FakeTrello.CARD, FakeTrello.LIST_DOING, FakeTrello.LIST_NEW)).status()).isEqualTo(200);
        assertThat(tickets.recordedEvents()).isEmpty();
    }

    @Test
    void aMoveOlderThanOneAppliedIsIgnored() throws Exception {
        Ticket ticket = ticketWithCard();
        String intoDone = FakeTrello.moveDelivery(ACTION, FakeTrello.PERSON, FakeTrello.BOARD, FakeTrello.CARD,
                FakeTrello.LIST_NEW, FakeTrello.LIST_DONE, "2026-12-05T10:10:00.000Z");
        String outAgain = FakeTrello.moveDelivery("6751a3c2e4b0a1d2c3f4e5a3", FakeTrello.PERSON, FakeTrello.BOARD,
                FakeTrello.CARD, FakeTrello.LIST_DONE, FakeTrello.LIST_DOING, "2026-12-05T10:11:00.000Z");

        assertThat(deliver(outAgain).status()).isEqualTo(200); // the later move arrives first
        assertThat(deliver(intoDone).status()).isEqualTo(200); // Trello's retry of the earlier one
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(tickets.recordedEvents()).isEmpty();
    }

    @Test
    void badOrMissingSignaturesAndOtherCallbackUrlsGet401AndChangeNothing() throws Exception {
        Ticket ticket = ticketWithCard();
        String move = FakeTrello.moveDelivery(ACTION, FakeTrello.PERSON, FakeTrello.BOARD, FakeTrello.CARD,
                FakeTrello.LIST_NEW, FakeTrello.LIST_DONE);
        byte[] body = move.getBytes(StandardCharsets.UTF_8);

        List<InboundResponse> refused = List.of(
                deliver(move, null),
                deliver(move, new WebhookVerifier("another-power-up-secret").sign(body, CALLBACK)),
                deliver(move, new WebhookVerifier(TestConfig.SECRET).sign(body, "http://127.0.0.1:8181/integrations"
                        + "/trello/webhook")),
                deliver(move, new WebhookVerifier(TestConfig.SECRET).sign(body, "")),
                deliver(move.replace("Printer", "Scanner"), new WebhookVerifier(TestConfig.SECRET).sign(body,
                        CALLBACK)));
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).isEqualTo(InboundResponse.PROBLEM_JSON);
        });
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(tickets.recordedEvents()).isEmpty();
    }

    @Test
    void signatureIsBase64HmacSha1OfBodyAndCallbackUrl() {
        // computed independently: printf '%s' '{"action":{}}https://hub.example.com/integrations/trello/webhook'
        //   | openssl dgst -sha1 -hmac 'trello-secret' -binary | base64
        assertThat(new WebhookVerifier("trello-secret").sign("{\"action\":{}}".getBytes(StandardCharsets.UTF_8),
                CALLBACK)).isEqualTo(KNOWN_SIGNATURE);
    }

    private static final String KNOWN_SIGNATURE = "eTYqr+mEoCOgxAHKqlGJ37UYiPw=";

    @Test
    void anActionAboutAnotherBoardIsLeftToAnotherInstance() throws Exception {
        Ticket ticket = ticketWithCard();
        InboundResponse r = deliver(FakeTrello.moveDelivery(ACTION, FakeTrello.PERSON, "5abbe4b7ddc1b351ef969999",
                FakeTrello.CARD, FakeTrello.LIST_NEW, FakeTrello.LIST_DONE));
        assertThat(r.status()).isEqualTo(401);
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void aPersonsCommentBecomesATicketCommentOnceAndIsNotEchoedBack() throws Exception {
        Ticket ticket = ticketWithCard();
        String comment = FakeTrello.commentDelivery(ACTION, FakeTrello.PERSON, "Grace Hopper", FakeTrello.CARD,
                "Replaced the toner, please check");

        assertThat(deliver(comment).status()).isEqualTo(200);
        assertThat(deliver(comment).status()).isEqualTo(200);

        List<Comment> comments = tickets.comments(ticket.id());
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).body()).isEqualTo("Replaced the toner, please check");
        assertThat(comments.get(0).author().name()).isEqualTo("Grace Hopper");
        assertThat(comments.get(0).internal()).isFalse();

        deliverRecorded(); // its comment.added
        assertThat(trello.requests("POST", "/1/cards/" + FakeTrello.CARD + "/actions/comments")).isEmpty();
    }

    @Test
    void theConnectorsOwnActionsAreNotSyncedBack() throws Exception {
        Ticket ticket = ticketWithCard();
        tickets.addComment(ticket.id(), new org.integrationhub.api.Person("bob@example.com", "Bob"), "On my way",
                false);
        deliverRecorded(); // the card comment the connector writes, as its own member

        assertThat(deliver(FakeTrello.commentDelivery(FakeTrello.COMMENT_ACTION, FakeTrello.OWN_MEMBER,
                "Helpdesk Bot", FakeTrello.CARD, "On my way\\n\\n-- From Helpdesk by Bob")).status()).isEqualTo(200);
        assertThat(deliver(FakeTrello.moveDelivery(ACTION, FakeTrello.OWN_MEMBER, FakeTrello.BOARD, FakeTrello.CARD,
                FakeTrello.LIST_NEW, FakeTrello.LIST_DONE)).status()).isEqualTo(200);

        assertThat(tickets.comments(ticket.id())).hasSize(1);
        assertThat(tickets.find(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(tickets.recordedEvents()).isEmpty();
    }

    @Test
    void cardsOfNoTicketAndOtherActionsAreAcknowledgedAndIgnored() throws Exception {
        ticketWithCard();
        assertThat(deliver(FakeTrello.moveDelivery(ACTION, FakeTrello.PERSON, FakeTrello.BOARD,
                "5abbe4b7ddc1b351ef96aaaa", FakeTrello.LIST_NEW, FakeTrello.LIST_DONE)).status()).isEqualTo(200);
        assertThat(deliver("{\"model\":{\"id\":\"" + FakeTrello.BOARD + "\"},\"action\":{\"id\":\"" + ACTION
                + "\",\"type\":\"updateBoard\",\"data\":{\"board\":{\"id\":\"" + FakeTrello.BOARD + "\"}}}}").status())
                .isEqualTo(200);
        assertThat(deliver("not json").status()).isEqualTo(400);
        assertThat(tickets.recordedEvents()).isEmpty();
    }

    @Test
    void withoutASecretEveryRequestIsRefused() throws Exception {
        config.secret = "";
        integration = new TrelloIntegration(context, links, config);
        assertThat(head().status()).isEqualTo(401);
        assertThat(deliver("{}", "anything").status()).isEqualTo(401);
        assertThat(integration.handle(new InboundRequest("GET", "webhook", Map.of(), new byte[0], "")).status())
                .isEqualTo(401);
    }
}
