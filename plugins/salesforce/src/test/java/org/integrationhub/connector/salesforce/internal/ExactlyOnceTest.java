package org.integrationhub.connector.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.connector.salesforce.internal.sync.CaseSync;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The holes a review found in "one Case per ticket" and in what a Case create sends, each closed: the lost-answer
 * lookup reads every page of the query, looks for the Subject that was sent, concurrent deliveries on one node make
 * one Case, and a customer address Salesforce's Web Email field cannot hold does not cost the ticket its Case.
 */
class ExactlyOnceTest extends SalesforceTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLostCaseIsFoundBehindMoreThanOnePageOfSameSubjectCases() throws Exception {
        // an alerting tool opens many tickets called "Server down": their Cases share Origin and Subject
        for (int i = 0; i < 60; i++) {
            ObjectNode other = salesforce.cases.computeIfAbsent(String.format("500%012dXYZ", 900_000 + i),
                    id -> JSON.createObjectNode().put("Id", id));
            other.put("Subject", "Server down").put("Origin", "Helpdesk").put("Status", "New")
                    .put("Description", CaseSync.marker("01JOTHER" + i) + " …").put("CreatedDate",
                            Instant.now().minusSeconds(60).toString());
        }
        salesforce.batchSize = 25;
        Ticket ticket = open("Server down", Priority.HIGH, "ops@example.com", "Ops");
        salesforce.dropAfterCreate.set(1);
        assertThatThrownBy(() -> connector.onEvent(event(ticket, EventType.TICKET_CREATED)))
                .isInstanceOf(IntegrationException.class);

        connector.onEvent(event(ticket, EventType.TICKET_CREATED));

        assertThat(salesforce.caseCreates()).as("found on the third page, not created again").hasSize(1);
        String caseId = links.link(config.name, ticket.id(), "case").orElseThrow().key();
        assertThat(salesforce.cases.get(caseId).path("Description").asText()).contains(CaseSync.marker(ticket.id()));
        assertThat(salesforce.server.requests().stream().filter(r -> r.path().startsWith(FakeSalesforce.VERSION
                + "/query/"))).as("nextRecordsUrl followed").hasSize(2);
    }

    @Test
    void aCreateAnsweredWithAnUnreadableBodyKeepsItsMarkAndIsFoundNotCreatedAgain() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        salesforce.garbleAfterCreate.set(1);
        assertThatThrownBy(() -> connector.onEvent(event(ticket, EventType.TICKET_CREATED)))
                .isInstanceOfSatisfying(IntegrationException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE));
        assertThat(links.get(config.name, ticket.id(), "salesforce.create")).as("the Case may exist").isPresent();

        connector.onEvent(event(ticket, EventType.TICKET_CREATED));

        assertThat(salesforce.caseCreates()).hasSize(1);
        assertThat(salesforce.cases).hasSize(1);
        assertThat(links.link(config.name, ticket.id(), "case")).isPresent();
    }

    @Test
    void aRetryAfterTheSubjectChangedLooksForTheSubjectThatWasSent() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        salesforce.dropAfterCreate.set(1);
        assertThatThrownBy(() -> connector.onEvent(event(ticket, EventType.TICKET_CREATED)))
                .isInstanceOf(IntegrationException.class);
        tickets.update(ticket.id(), new TicketUpdate("Printer on fire, 3rd floor", null, null, null, null));

        ActionResult result = connector.execute(new ActionRequest("create_case", Map.of("ticket_id", ticket.id()),
                "k"));

        assertThat(result.data()).containsEntry("created", false);
        assertThat(salesforce.caseCreates()).hasSize(1);
        assertThat(salesforce.cases).hasSize(1);
        assertThat(links.get(config.name, ticket.id(), "salesforce.create")).isEmpty();
    }

    @Test
    void aMarkWrittenBeforeTheSubjectWasKeptStillWorks() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        salesforce.dropAfterCreate.set(1);
        assertThatThrownBy(() -> connector.onEvent(event(ticket, EventType.TICKET_CREATED)))
                .isInstanceOf(IntegrationException.class);
        String mark = links.get(config.name, ticket.id(), "salesforce.create").orElseThrow();
        assertThat(mark).endsWith(" Printer on fire");
        links.put(config.name, ticket.id(), "salesforce.create", mark.substring(0, mark.indexOf(' '))); // 0.1 format

        connector.onEvent(event(ticket, EventType.TICKET_CREATED));
        assertThat(salesforce.caseCreates()).hasSize(1);
        assertThat(links.link(config.name, ticket.id(), "case")).isPresent();
    }

    @Test
    void twoConcurrentDeliveriesOfOneTicketOnOneNodeOpenOneCase() throws Exception {
        salesforce.createTime = Duration.ofMillis(700);
        Ticket ticket = open("Printer on fire", Priority.HIGH, "ann@example.com", "Ann Smith");
        HubEvent created = event(ticket, EventType.TICKET_CREATED);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                runs.add(pool.submit(() -> {
                    start.await();
                    if (n == 2) {
                        return connector.execute(new ActionRequest("create_case", Map.of("ticket_id", ticket.id()),
                                "k"));
                    }
                    connector.onEvent(created);
                    return "delivered";
                }));
            }
            start.countDown();
            for (Future<Object> run : runs) {
                try {
                    run.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    // only a retryable "busy" is an acceptable outcome besides success
                    assertThat(e.getCause()).isInstanceOfSatisfying(IntegrationException.class,
                            x -> assertThat(x.category()).isEqualTo(ErrorCategory.COMMUNICATION));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        connector.onEvent(created); // a late retry of whichever was told to come back
        assertThat(salesforce.caseCreates()).as("one create call").hasSize(1);
        assertThat(salesforce.cases).hasSize(1);
        assertThat(links.link(config.name, ticket.id(), "case").orElseThrow().key())
                .isEqualTo(salesforce.cases.keySet().iterator().next());
    }

    @Test
    void anAddressTheWebEmailFieldCannotHoldStillGetsTheTicketACase() throws Exception {
        String longAddress = "a".repeat(75) + "@example.com"; // 87 characters: Case.SuppliedEmail holds 80
        Ticket ticket = open("Printer on fire", Priority.NORMAL, longAddress, "Ann Smith");

        connector.onEvent(event(ticket, EventType.TICKET_CREATED));

        JsonNode body = JSON.readTree(salesforce.server.assertExactlyOnce("POST", FakeSalesforce.VERSION
                + "/sobjects/Case").body());
        assertThat(body.has("SuppliedEmail")).isFalse();
        assertThat(body.path("SuppliedName").asText()).isEqualTo("Ann Smith");
        assertThat(body.path("Description").asText()).contains("Customer: Ann Smith <" + longAddress + ">");
        assertThat(links.link(config.name, ticket.id(), "case")).isPresent();
    }

    @Test
    void aNamelessCustomerAndAC1ControlInTheSubjectStillGiveOneCase() throws Exception {
        Ticket ticket = open("Printer\u0085on fire\u009b", Priority.NORMAL, "ann@example.com", null);
        salesforce.dropAfterCreate.set(1);
        assertThatThrownBy(() -> connector.onEvent(event(ticket, EventType.TICKET_CREATED)))
                .isInstanceOfSatisfying(IntegrationException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.COMMUNICATION));

        connector.onEvent(event(ticket, EventType.TICKET_CREATED));

        assertThat(salesforce.caseCreates()).hasSize(1);
        JsonNode body = JSON.readTree(salesforce.caseCreates().get(0).body());
        assertThat(body.path("Subject").asText()).isEqualTo("Printer on fire");
        assertThat(body.has("SuppliedName")).isFalse();
        assertThat(body.path("SuppliedEmail").asText()).isEqualTo("ann@example.com");
        assertThat(body.path("Description").asText()).contains("Customer: ann@example.com\n");
        assertThat(links.link(config.name, ticket.id(), "case")).isPresent();
    }

    @Test
    void theFakeRefusesWhatSalesforceRefusesInACaseCreate() throws Exception {
        Ticket ticket = open("Printer on fire", Priority.NORMAL, "ann@example.com", "Ann Smith");
        connector.onEvent(event(ticket, EventType.TICKET_CREATED));
        String token = salesforce.server.requests("POST", FakeSalesforce.VERSION + "/sobjects/Case").get(0)
                .header("Authorization");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String[] refused : new String[][] {{"{\"Subject\":\"" + "x".repeat(256) + "\",\"Priority\":\"High\","
                + "\"Status\":\"New\",\"Origin\":\"Web\"}", "STRING_TOO_LONG"},
            {"{\"SuppliedEmail\":\"not-an-address\",\"Priority\":\"High\",\"Status\":\"New\",\"Origin\":\"Web\"}",
                "INVALID_EMAIL_ADDRESS"},
            {"{\"Subjekt\":\"x\",\"Priority\":\"High\",\"Status\":\"New\",\"Origin\":\"Web\"}", "INVALID_FIELD"},
            {"{\"ContactId\":\"003000000000999AAA\",\"Priority\":\"High\",\"Status\":\"New\",\"Origin\":\"Web\"}",
                "FIELD_INTEGRITY_EXCEPTION"}}) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(salesforce.server.uri(FakeSalesforce.VERSION
                    + "/sobjects/Case")).header("Authorization", token).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(refused[0])).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(refused[1]).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get(0).path("errorCode").asText()).isEqualTo(refused[1]);
        }
        assertThat(FakeSalesforce.unescape("caf\\u00e9 \\N\\T")).as("SOQL's other valid escapes")
                .isEqualTo("café \n\t");
        assertThatThrownBy(() -> FakeSalesforce.unescape("\\%")).isInstanceOf(IllegalArgumentException.class);
    }
}
