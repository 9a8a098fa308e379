package org.integrationhub.connector.asana.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeLinkStore;
import org.integrationhub.testkit.FakeTicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A connector instance against {@link FakeAsana}, with the test kit's tickets and link store. */
abstract class AsanaTestSupport {

    static final String TICKET_URL = "https://help.example.com/tickets/{id}";
    static final String PUBLIC_BASE = "https://hub.example.com";

    FakeAsana asana;
    FakeTicketService tickets;
    FakeLinkStore links;
    FakeIntegrationContext context;
    TestConfig config;
    AsanaIntegration integration;

    @BeforeEach
    void startFakes() throws Exception {
        asana = new FakeAsana();
        tickets = new FakeTicketService();
        links = new FakeLinkStore();
        context = new FakeIntegrationContext(tickets, tickets.customers()).withLinks(TICKET_URL, PUBLIC_BASE);
        config = new TestConfig(asana.apiUrl());
        integration = newInstance();
    }

    /** Every request the connector made matched Asana's documented API (the strict fake refused none). */
    @AfterEach
    void stopFakes() {
        try {
            assertThat(asana.rejected).as("requests Asana's API would refuse").isEmpty();
        } finally {
            asana.close();
            context.close();
        }
    }

    /** @return a further instance of the same configuration (a restart: only the link store survives) */
    AsanaIntegration newInstance() {
        AsanaIntegration instance = new AsanaIntegration(context, links, config);
        asana.hub = instance::handle;
        return instance;
    }

    Ticket openTicket(String subject) {
        return tickets.create(new NewTicket(subject, "3rd floor, next to the kitchen", Priority.URGENT,
                new Person("ann@example.com", "Ann Example"), null));
    }

    /** Opens a ticket and delivers its ticket.created: @return the task gid */
    String ticketWithTask(Ticket ticket) throws Exception {
        integration.onEvent(tickets.lastEvent());
        return links.link(config.name, ticket.id(), "task").orElseThrow().key();
    }

    /** Delivers every event recorded since the last call, as the delivery engine would. */
    void deliverNewEvents() throws Exception {
        List<HubEvent> events = tickets.recordedEvents();
        tickets.clearRecordedEvents();
        for (HubEvent e : events) {
            integration.onEvent(e);
        }
    }
}
