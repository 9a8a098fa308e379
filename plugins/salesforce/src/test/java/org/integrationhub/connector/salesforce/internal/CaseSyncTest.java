package org.integrationhub.connector.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.connector.salesforce.internal.sync.CaseSync;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.TicketLink;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** ticket.created → the customer's Contact onto the customer, then exactly one Case; status changes follow. */
class CaseSyncTest extends SalesforceTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNewTicketSyncsTheCustomerAndOpensOneLinkedCase() throws Exception {
        String account = salesforce.account("Acme Corporation");
        String contact = salesforce.contact("ann@example.com", "Ann Smith", account).path("Id").asText();
        Ticket ticket = open("Printer on fire", Priority.URGENT, "Ann@Example.com", "Ann Smith");

        connector.onEvent(event(ticket, EventType.TICKET_CREATED));

        Customer customer = tickets.customers().findByEmail("ann@example.com").orElseThrow();
        assertThat(customer.externalIds()).containsEntry("salesforce", contact);
        assertThat(customer.company()).isEqualTo("Acme Corporation");
        assertThat(customer.attributes()).containsEntry("salesforce.account_id", account);
        JsonNode body = JSON.readTree(salesforce.server.assertExactlyOnce("POST", FakeSalesforce.VERSION
                + "/sobjects/Case").body());
        assertThat(body.path("Subject").asText()).isEqualTo("Printer on fire");
        assertThat(body.path("Priority").asText()).isEqualTo("High");
        assertThat(body.path("Status").asText()).isEqualTo("New");
        assertThat(body.path("Origin").asText()).isEqualTo("Helpdesk");
        assertThat(body.path("ContactId").asText()).isEqualTo(contact);
        assertThat(body.has("SuppliedEmail")).isFalse();
        assertThat(body.path("Description").asText()).startsWith("The printer on the 3rd floor is on fire.")
                .contains("Customer: Ann Smith <ann@example.com>").endsWith("Helpdesk ticket " + ticket.id()
                        + ": https://helpdesk.example.com/tickets/" + ticket.id());
        String caseId = salesforce.cases.keySet().iterator().next();
        assertThat(links.links(ticket.id())).containsExactly(new TicketLink(config.name, ticket.id(), "case", caseId,
                salesforce.url() + "/lightning/r/Case/" + caseId + "/view"));

        connector.onEvent(event(ticket, EventType.TICKET_CREATED)); // redelivered
        assertThat(salesforce.caseCreates()).hasSize(1);
        assertThat(tickets.customers().updates()).as("the repeated sync changes nothing").hasSize(1);
    }

    @Test
    void prioritiesMapToTheStandardPicklist() throws Exception {
        Map<Priority, String> expected = Map.of(Priority.URGENT, "High", Priority.HIGH, "High", Priority.NORMAL,
                "Medium", Priority.LOW, "Low");
        for (Map.Entry<Priority, String> e : expected.entrySet()) {
            Ticket ticket = open("Ticket " + e.getKey(), e.getKey(), "bob@example.com", "Bob");
            connector.onEvent(event(ticket, EventType.TICKET_CREATED));
            String caseId = links.link(config.name, ticket.id(), "case").orElseThrow().key();
            assertThat(salesforce.cases.get(caseId).path("Priority").asText()).as("%s", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void withoutAContactTheCaseNamesTheSuppliedEmailAndAnUnreadableAccountGivesItsId() throws Exception {
        Ticket ticket = open("VPN drops", Priority.NORMAL, "new@example.com", "New Person");
        connector.onEvent(event(ticket, EventType.TICKET_CREATED));
        JsonNode body = JSON.readTree(salesforce.caseCreates().get(0).body());
        assertThat(body.has("ContactId")).isFalse();
        assertThat(body.path("SuppliedEmail").asText()).isEqualTo("new@example.com");
        assertThat(body.path("SuppliedName").asText()).isEqualTo("New Person");
        assertThat(tickets.customers().findByEmail("new@example.com").orElseThrow().externalIds()).isEmpty();

        salesforce.accountsReadable = false;
        String account = salesforce.account("Hidden Inc");
        salesforce.contact("carol@example.com", "Carol", account);
        connector.execute(new ActionRequest("sync_customer", Map.of("email", "carol@example.com"), "k"));
        Customer carol = tickets.customers().findByEmail("carol@example.com").orElseThrow();
        assertThat(carol.company()).isEqualTo(account);
        assertThat(carol.name()).as("a customer created from its Contact").isEqualTo("Carol");
    }

    @Test
    void aCaseCreatedWhoseAnswerWasLostIsFoundNotCreatedAgain() throws Exception {
        salesforce.contact("ann@example.com", "Ann Smith", null);
        Ticket ticket = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        salesforce.dropAfterCreate.set(1);

        assertThatThrownBy(() -> connector.onEvent(event(ticket, EventType.TICKET_CREATED)))
                .isInstanceOfSatisfying(IntegrationException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.COMMUNICATION));
        assertThat(salesforce.cases).hasSize(1);
        assertThat(links.links(ticket.id())).isEmpty();

        restart(); // the retry may come after a restart: the mark is in the link store
        connector.onEvent(event(ticket, EventType.TICKET_CREATED));

        assertThat(salesforce.caseCreates()).as("one create call in all").hasSize(1);
        assertThat(salesforce.cases).hasSize(1);
        String caseId = salesforce.cases.keySet().iterator().next();
        assertThat(links.link(config.name, ticket.id(), "case").orElseThrow().key()).isEqualTo(caseId);
        assertThat(links.get(config.name, ticket.id(), "salesforce.create")).isEmpty();
        String lookup = salesforce.server.requests("GET", FakeSalesforce.VERSION + "/query").stream()
                .map(r -> r.queryParameter("q")).filter(q -> q.contains("FROM Case")).findFirst().orElseThrow();
        assertThat(lookup).contains("Origin = 'Helpdesk'").contains("Subject = 'Printer on fire'");
    }

    @Test
    void aCreateThatNeverArrivedIsRetriedOnlyAfterTheSettleTime() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        salesforce.dropBeforeCreate.set(1);
        assertThatThrownBy(() -> connector.onEvent(event(ticket, EventType.TICKET_CREATED)))
                .isInstanceOf(IntegrationException.class);

        clock.advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> connector.onEvent(event(ticket, EventType.TICKET_CREATED)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.COMMUNICATION);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
                });
        assertThat(salesforce.caseCreates()).hasSize(1);

        clock.advance(Duration.ofSeconds(21));
        connector.onEvent(event(ticket, EventType.TICKET_CREATED));
        assertThat(salesforce.caseCreates()).hasSize(2);
        assertThat(salesforce.cases).hasSize(1);
        assertThat(links.link(config.name, ticket.id(), "case")).isPresent();
    }

    @Test
    void twoTicketsWithOneSubjectEachFindTheirOwnCase() throws Exception {
        Ticket first = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        Ticket second = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        connector.onEvent(event(first, EventType.TICKET_CREATED));
        salesforce.dropAfterCreate.set(1);
        assertThatThrownBy(() -> connector.onEvent(event(second, EventType.TICKET_CREATED)))
                .isInstanceOf(IntegrationException.class);
        connector.onEvent(event(second, EventType.TICKET_CREATED));
        String firstCase = links.link(config.name, first.id(), "case").orElseThrow().key();
        String secondCase = links.link(config.name, second.id(), "case").orElseThrow().key();
        assertThat(secondCase).isNotEqualTo(firstCase);
        assertThat(salesforce.cases.get(secondCase).path("Description").asText())
                .contains(CaseSync.marker(second.id()));
    }

    @Test
    void aRefusedCreateIsAConfigurationErrorAndLeavesNoMark() throws Exception {
        config.priorities = "urgent=Critical,high=High,normal=Medium,low=Low";
        restart();
        Ticket ticket = open("Printer on fire", Priority.URGENT, "ann@example.com", "Ann Smith");
        assertThatThrownBy(() -> connector.onEvent(event(ticket, EventType.TICKET_CREATED)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
                    assertThat(e.getMessage()).contains("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST")
                            .contains("Critical").contains("Priority");
                });
        assertThat(links.get(config.name, ticket.id(), "salesforce.create")).isEmpty();
    }

    @Test
    void resolvingClosingAndReopeningSetTheCaseStatusOnce() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        connector.onEvent(event(ticket, EventType.TICKET_CREATED));
        String caseId = links.link(config.name, ticket.id(), "case").orElseThrow().key();
        String patch = FakeSalesforce.VERSION + "/sobjects/Case/" + caseId;

        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.PENDING));
        connector.onEvent(event(ticket, EventType.TICKET_UPDATED));
        assertThat(salesforce.server.requests("PATCH", patch)).as("open → pending leaves the Case alone").isEmpty();

        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        connector.onEvent(event(ticket, EventType.TICKET_RESOLVED));
        connector.onEvent(event(ticket, EventType.TICKET_RESOLVED));
        assertThat(salesforce.cases.get(caseId).path("Status").asText()).isEqualTo("Closed");
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.CLOSED));
        connector.onEvent(event(ticket, EventType.TICKET_CLOSED));
        assertThat(salesforce.server.requests("PATCH", patch)).as("Closed once").hasSize(1);
        assertThat(JSON.readTree(salesforce.server.requests("PATCH", patch).get(0).body()).toString())
                .isEqualTo("{\"Status\":\"Closed\"}");

        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.OPEN));
        connector.onEvent(event(ticket, EventType.TICKET_UPDATED));
        assertThat(salesforce.cases.get(caseId).path("Status").asText()).isEqualTo("Working");
        assertThat(salesforce.server.requests("PATCH", patch)).hasSize(2);
    }

    @Test
    void aStatusTheOrgDoesNotKnowIsRefusedAsConfigurationAndNotRecorded() throws Exception {
        config.resolved = "Solved";
        restart();
        Ticket ticket = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        connector.onEvent(event(ticket, EventType.TICKET_CREATED));
        tickets.update(ticket.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        assertThatThrownBy(() -> connector.onEvent(event(ticket, EventType.TICKET_RESOLVED)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
                    assertThat(e.getMessage()).contains("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST").contains("Solved");
                });
        String caseId = links.link(config.name, ticket.id(), "case").orElseThrow().key();
        assertThat(salesforce.cases.get(caseId).path("Status").asText()).isEqualTo("New");

        config.resolved = "Closed"; // the operator fixes the mapping; the redelivery then closes the Case
        restart();
        connector.onEvent(event(ticket, EventType.TICKET_RESOLVED));
        assertThat(salesforce.cases.get(caseId).path("Status").asText()).isEqualTo("Closed");
    }

    @Test
    void withCreateCaseOffOnlyTheCustomerIsSynced() throws Exception {
        config.createCase = false;
        restart();
        String contact = salesforce.contact("ann@example.com", "Ann Smith", null).path("Id").asText();
        Ticket ticket = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        connector.onEvent(event(ticket, EventType.TICKET_CREATED));
        assertThat(salesforce.caseCreates()).isEmpty();
        assertThat(tickets.customers().findByEmail("ann@example.com").orElseThrow().externalIds())
                .containsEntry("salesforce", contact);
    }

    @Test
    void theCreateCaseActionCreatesOnceAndAnswersTheLink() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.LOW, "ann@example.com", "Ann Smith");
        ActionResult first = connector.execute(new ActionRequest("create_case", Map.of("ticket_id", ticket.id()),
                "k1"));
        ActionResult again = connector.execute(new ActionRequest("create_case", Map.of("ticket_id", ticket.id()),
                "k2"));
        assertThat(first.data()).containsEntry("created", true).containsEntry("ticket_id", ticket.id());
        assertThat(again.data()).containsEntry("created", false).containsEntry("case_id", first.data().get("case_id"))
                .containsEntry("url", first.data().get("url"));
        assertThat(salesforce.caseCreates()).hasSize(1);
        assertThatThrownBy(() -> connector.execute(new ActionRequest("create_case", Map.of("ticket_id", "nope"),
                "k3"))).isInstanceOfSatisfying(IntegrationException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION));
        assertThatThrownBy(() -> connector.execute(new ActionRequest("create_case", Map.of(), "k4")))
                .isInstanceOfSatisfying(IntegrationException.class,
                        e -> assertThat(e.getMessage()).contains("ticket_id"));
        assertThat(List.of(first.data().get("url"))).allMatch(u -> u.toString().endsWith("/view"));
    }
}
