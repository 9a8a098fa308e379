package org.integrationhub.connector.trello.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.connector.trello.internal.inbound.WebhookVerifier;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeLinkStore;
import org.integrationhub.testkit.FakeTicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A connector on fake tickets, links and a loopback Trello answering normally; helpers for events and webhooks. */
abstract class TrelloTestSupport {

    static final String PUBLIC_BASE = "https://hub.example.com";
    static final String CALLBACK = PUBLIC_BASE + "/integrations/trello/webhook";

    FakeHttpServer trello;
    FakeTicketService tickets;
    FakeLinkStore links;
    FakeIntegrationContext context;
    TestConfig config;
    TrelloIntegration integration;

    @BeforeEach
    void startFakes() throws Exception {
        trello = FakeTrello.answerNormally(FakeHttpServer.start());
        tickets = new FakeTicketService();
        links = new FakeLinkStore();
        context = new FakeIntegrationContext(tickets, tickets.customers())
                .withLinks("https://helpdesk.example.com/tickets/{id}", PUBLIC_BASE);
        config = new TestConfig(trello.uri("/1").toString());
        integration = new TrelloIntegration(context, links, config);
    }

    @AfterEach
    void stopFakes() {
        trello.close();
        context.close();
    }

    /** The loopback Trello is strict: every request the connector sent must be one Trello's reference accepts. */
    @AfterEach
    void everyRequestWasAsTrelloDocumentsIt() {
        TrelloRequestRules.assertDocumented(trello.requests(), config.key, config.token);
    }

    Ticket openTicket(Priority priority) {
        return tickets.create(new NewTicket("Printer on fire", "3rd floor, next to the kitchen", priority,
                new Person("ann@example.com", "Ann Example"), null));
    }

    /** Delivers every event recorded so far to the connector, then forgets them. */
    void deliverRecorded() throws Exception {
        List<HubEvent> events = tickets.recordedEvents();
        tickets.clearRecordedEvents();
        for (HubEvent e : events) {
            integration.onEvent(e);
        }
    }

    /** @return a Trello webhook delivery signed as Trello signs it, for the registered callback URL */
    InboundResponse deliver(String body) {
        return deliver(body, new WebhookVerifier(TestConfig.SECRET).sign(body.getBytes(StandardCharsets.UTF_8),
                CALLBACK));
    }

    InboundResponse deliver(String body, String signature) {
        return integration.handle(new InboundRequest("POST", "webhook", signature == null ? Map.of()
                : Map.of("X-Trello-Webhook", List.of(signature), "Content-Type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8), ""));
    }

    InboundResponse head() {
        return integration.handle(new InboundRequest("HEAD", "webhook", Map.of(), new byte[0], ""));
    }
}
