package org.integrationhub.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.integrationhub.api.Customer;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.testkit.FakeCustomerService;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeTicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A connector on fake tickets and customers and a loopback HubSpot answering normally (Ann is a contact); after each
 * test, no request the connector sent may be one HubSpot would refuse ({@link FakeHubSpot#violations}).
 */
abstract class HubSpotTestSupport {

    static final String PUBLIC_BASE = "https://hub.example.com";
    static final String WEBHOOK_URL = PUBLIC_BASE + "/integrations/hubspot/webhook";

    FakeHttpServer hubspot;
    FakeTicketService tickets;
    FakeCustomerService customers;
    FakeIntegrationContext context;
    TestConfig config;
    HubSpotIntegration integration;

    @BeforeEach
    void startFakes() throws Exception {
        hubspot = FakeHubSpot.answerNormally(FakeHttpServer.start());
        tickets = new FakeTicketService();
        customers = tickets.customers();
        context = new FakeIntegrationContext(tickets, customers)
                .withLinks("https://helpdesk.example.com/tickets/{id}", PUBLIC_BASE);
        config = new TestConfig(hubspot.uri("").toString());
        integration = new HubSpotIntegration(context, config);
    }

    @AfterEach
    void stopFakes() {
        List<Recorded> sent = hubspot.requests();
        hubspot.close();
        context.close();
        for (Recorded r : sent) {
            assertThat(FakeHubSpot.violations(r)).as("what HubSpot would refuse in %s", r.requestLine()).isEmpty();
        }
    }

    /** @return a new ticket of Ann's; its customer now exists, un-enriched */
    Ticket annsTicket() {
        return tickets.create(new NewTicket("Invoice missing", "Where is November's invoice?", Priority.NORMAL,
                new Person(FakeHubSpot.EMAIL, "Ann Example"), null));
    }

    Customer ann() {
        return customers.findByEmail(FakeHubSpot.EMAIL).orElseThrow();
    }
}
