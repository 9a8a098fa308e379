package org.integrationhub.connector.salesforce.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.integrationhub.api.EventType;
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

/** A Salesforce instance wired to {@link FakeSalesforce}, in-memory tickets, customers and links, a settable clock. */
abstract class SalesforceTestSupport {

    static final String TICKET_URL = "https://helpdesk.example.com/tickets/{id}";

    FakeSalesforce salesforce;
    FakeTicketService tickets;
    FakeLinkStore links;
    FakeIntegrationContext context;
    TestConfig config;
    SettableClock clock;
    SalesforceIntegration connector;

    @BeforeEach
    void startSalesforce() throws Exception {
        config = new TestConfig(null, TestKeys.pkcs8Pem());
        salesforce = new FakeSalesforce(TestKeys.PAIR.getPublic(), config.clientId, config.username, null);
        config.loginUrl = salesforce.url();
        tickets = new FakeTicketService();
        links = new FakeLinkStore();
        context = new FakeIntegrationContext(tickets, tickets.customers()).withLinks(TICKET_URL,
                "https://hub.example.com");
        clock = new SettableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        restart();
    }

    @AfterEach
    void stopSalesforce() {
        context.close();
        salesforce.close();
    }

    /** A new connector instance on the same configuration, links and tickets (a hub restart, or a changed config). */
    void restart() {
        connector = new SalesforceIntegration(context, links, config, clock);
    }

    /** Opens a ticket as the helpdesk core would (its ticket.created event is recorded). */
    Ticket open(String subject, Priority priority, String email, String name) {
        return tickets.create(new NewTicket(subject, "The printer on the 3rd floor is on fire.\n\nPlease send help.",
                priority, new Person(email, name), null));
    }

    /** @return the latest event of that type the core wrote for the ticket */
    HubEvent event(Ticket ticket, EventType type) {
        return tickets.events(ticket.id()).stream().filter(e -> e.type() == type).reduce((a, b) -> b).orElseThrow();
    }

    /** A clock the test moves. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
