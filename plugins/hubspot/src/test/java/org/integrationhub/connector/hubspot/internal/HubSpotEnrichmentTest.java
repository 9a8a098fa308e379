package org.integrationhub.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Map;

import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Ticket;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

/** ticket.created and enrich_customer: the lookup HubSpot gets, and what the contact writes onto the customer. */
class HubSpotEnrichmentTest extends HubSpotTestSupport {

    @Test
    void aNewTicketSendsTheDocumentedSearchAndEnrichesItsCustomer() throws Exception {
        Ticket ticket = annsTicket();
        integration.onEvent(tickets.lastEvent());

        Recorded search = hubspot.assertExactlyOnce("POST", FakeHubSpot.SEARCH);
        assertThat(search.body()).isEqualTo("{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"email\","
                + "\"operator\":\"EQ\",\"value\":\"ann@example.com\"}]}],\"properties\":[\"email\",\"firstname\","
                + "\"lastname\",\"company\",\"phone\",\"lifecyclestage\",\"total_revenue\"],\"limit\":1}");
        assertThat(search.header("Authorization")).isEqualTo("Bearer " + TestConfig.TOKEN);
        assertThat(search.header("Content-Type")).isEqualTo("application/json");
        assertThat(hubspot.requests()).as("found by the search: no second call").hasSize(1);

        Customer ann = ann();
        assertThat(ann.id()).isEqualTo(ticket.customer().id());
        assertThat(ann.name()).as("the helpdesk's name stays").isEqualTo("Ann Example");
        assertThat(ann.company()).isEqualTo("Acme Corp");
        assertThat(ann.phone()).isEqualTo("+49 30 1234567");
        assertThat(ann.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("hubspot.lifecycle_stage", "customer",
                "hubspot.total_revenue", "12500.5"));
        assertThat(ann.externalIds()).containsExactlyEntriesOf(Map.of("hubspot", "5101"));
        assertThat(customers.updates()).as("one customer.updated").hasSize(1);

        integration.onEvent(tickets.lastEvent()); // the delivery engine delivers again
        assertThat(customers.updates()).as("the same values change nothing").hasSize(1);
    }

    @Test
    void withoutAContactNothingChangesAndTheActionSaysSo() throws Exception {
        annsTicket();
        Customer before = ann();
        hubspot.route("POST", FakeHubSpot.SEARCH, Reply.of(200, FakeHubSpot.searchResult()));
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/ann@example.com", Reply.of(404,
                FakeHubSpot.objectNotFound("ann@example.com")));

        integration.onEvent(tickets.lastEvent());
        ActionResult result = integration.execute(new ActionRequest("enrich_customer",
                Map.of("email", "ann@example.com"), null));

        assertThat(ann()).isEqualTo(before);
        assertThat(customers.updates()).isEmpty();
        assertThat(result.data()).containsEntry("found", false).containsEntry("detail",
                "HubSpot has no contact with this e-mail address; nothing changed");
        Recorded read = hubspot.requests("GET", FakeHubSpot.CONTACTS + "/ann@example.com").get(0);
        assertThat(read.queryParameter("idProperty")).isEqualTo("email");
        assertThat(read.queryParameter("properties")).isEqualTo("email,firstname,lastname,company,phone,"
                + "lifecyclestage,total_revenue");
        assertThat(read.header("Authorization")).isEqualTo("Bearer " + TestConfig.TOKEN);
    }

    @Test
    void aContactTheSearchIndexHasNotCaughtUpWithIsReadByEmail() throws Exception {
        annsTicket();
        hubspot.route("POST", FakeHubSpot.SEARCH, Reply.of(200, FakeHubSpot.searchResult()));
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/ann@example.com", Reply.of(200, FakeHubSpot.ann()));

        integration.onEvent(tickets.lastEvent());

        assertThat(ann().company()).isEqualTo("Acme Corp");
        assertThat(ann().externalIds()).containsEntry("hubspot", "5101");
    }

    @Test
    void emptyHubSpotFieldsKeepSharedFieldsAndRemoveHubSpotAttributes() throws Exception {
        annsTicket();
        customers.update(ann().id(), new org.integrationhub.api.CustomerChange(null, "001Acme (Salesforce)",
                "+1 555 0100", Map.of("hubspot.lifecycle_stage", "lead", "salesforce.tier", "gold"), null));
        hubspot.route("POST", FakeHubSpot.SEARCH, Reply.of(200, FakeHubSpot.searchResult(
                FakeHubSpot.contact("5101", "ann@example.com", "", null, null, "0"))));

        integration.onEvent(tickets.lastEvent());

        Customer ann = ann();
        assertThat(ann.company()).as("HubSpot has none: another source's value stays").isEqualTo("001Acme (Salesforce)");
        assertThat(ann.phone()).isEqualTo("+1 555 0100");
        assertThat(ann.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("salesforce.tier", "gold",
                "hubspot.total_revenue", "0"));
    }

    @Test
    void theActionEnrichesACustomerTheHubDidNotKnowYet() throws Exception {
        hubspot.route("POST", FakeHubSpot.SEARCH, Reply.of(200, FakeHubSpot.searchResult(FakeHubSpot.contact("7202",
                "bob@example.com", "Globex", "+44 20 7946 0000", "salesqualifiedlead", null))));

        ActionResult result = integration.execute(new ActionRequest("enrich_customer",
                Map.of("email", " Bob@Example.com "), "k-1"));

        Customer bob = customers.findByEmail("bob@example.com").orElseThrow();
        assertThat(bob.name()).as("HubSpot's name for a new customer").isEqualTo("Ann Example");
        assertThat(bob.company()).isEqualTo("Globex");
        assertThat(bob.attributes()).containsExactlyEntriesOf(Map.of("hubspot.lifecycle_stage", "salesqualifiedlead"));
        assertThat(result.data()).containsEntry("found", true).containsEntry("contact_id", "7202")
                .containsEntry("customer_id", bob.id()).containsEntry("company", "Globex")
                .containsEntry("lifecycle_stage", "salesqualifiedlead").containsEntry("total_revenue", null);
        assertThat(hubspot.assertExactlyOnce("POST", FakeHubSpot.SEARCH).body()).contains("\"value\":\"Bob@Example.com\"");
    }

    @Test
    void aMissingOrMalformedEmailIsAConfigurationError() {
        for (Map<String, Object> params : java.util.List.<Map<String, Object>>of(Map.of(), Map.of("email", 42),
                Map.of("email", "not-an-address"))) {
            IntegrationException e = catchThrowableOfType(IntegrationException.class,
                    () -> integration.execute(new ActionRequest("enrich_customer", params, null)));
            assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        }
        assertThat(hubspot.requests()).isEmpty();
    }

    @Test
    void otherEventsCallNobody() throws Exception {
        Ticket ticket = annsTicket();
        integration.onEvent(new HubEvent("01JF0000000000000000000001", 2, EventType.TICKET_RESOLVED, Instant.now(),
                ticket, null, null, null));
        integration.onEvent(new HubEvent("01JF0000000000000000000002", 3, EventType.CUSTOMER_UPDATED, Instant.now(),
                null, null, null, null, ann()));
        assertThat(hubspot.requests()).isEmpty();
    }

    @Test
    void valuesTheHubRefusesFailVisiblyWithoutAChange() throws Exception {
        annsTicket();
        hubspot.route("POST", FakeHubSpot.SEARCH, Reply.of(200, FakeHubSpot.searchResult(FakeHubSpot.contact("5101",
                "ann@example.com", "Acme", "+49".repeat(40), "customer", "1"))));

        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> integration.onEvent(tickets.lastEvent()));

        assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE);
        assertThat(e.getMessage()).startsWith("the hub refused the values of HubSpot contact 5101: phone");
        assertThat(customers.updates()).isEmpty();
    }
}
