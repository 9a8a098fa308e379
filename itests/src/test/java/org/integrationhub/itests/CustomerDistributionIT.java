package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Customers in the running distribution (issue 16 part 1): created and patched over REST with a key holding the
 * customers scopes, each change reaching a webhook endpoint subscribed to {@code customer.updated} as a signed
 * delivery (verified by com.standardwebhooks and the legacy header), in order, and the shell showing the result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerDistributionIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubProcess hub;
    private HubHttp http;
    private final WebhookReceiver receiver = new WebhookReceiver();

    CustomerDistributionIT() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        Path dir = Paths.get(System.getProperty("project.build.directory", "target"), "customers-it");
        hub = HubProcess.unpack(Paths.get(System.getProperty("hub.distribution")), dir);
        Files.writeString(dir.resolve("etc/org.integrationhub.webhooks.cfg"), "allowedNetworks = 127.0.0.0/8\n");
        hub.start();
        http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(120));
    }

    @AfterAll
    void stop() throws Exception {
        receiver.close();
        if (hub != null) {
            hub.stop();
        }
    }

    @Test
    void customerChangesReachASubscribedWebhookSignedAndTheShellShowsThem() throws Exception {
        String key = hub.createKey("customers-it", "--scope", "customers:read", "--scope", "customers:write",
                "--scope", "webhooks:manage", "--scope", "tickets:write");
        String ticketsOnly = hub.createKey("tickets-only", "--scope", "tickets:read");
        HubHttp.Answer endpoint = http.post("/api/v1/webhooks", key, "{\"url\":\"" + receiver.url()
                + "\",\"events\":[\"customer.updated\"],\"description\":\"crm\"}");
        assertThat(endpoint.status).as(endpoint.toString()).isEqualTo(201);
        receiver.secret = endpoint.json.get("secret").asText();

        HubHttp.Answer created = http.post("/api/v1/customers", key,
                "{\"email\":\"Grace@Example.com\",\"name\":\"Grace Hopper\",\"company\":\"Navy\"}");
        assertThat(created.status).as(created.toString()).isEqualTo(201);
        String id = created.json.get("id").asText();
        assertThat(created.header("Location")).endsWith("/api/v1/customers/" + id);
        assertThat(http.post("/api/v1/customers", key, "{\"email\":\"grace@example.COM\"}").status).isEqualTo(409);
        assertThat(http.get("/api/v1/customers", ticketsOnly).status).isEqualTo(403);

        HubHttp.Answer patched = http.patch("/api/v1/customers/" + id, key,
                "{\"phone\":\"+1 555 0100\",\"attributes\":{\"hubspot.lifecycle_stage\":\"customer\"}}");
        assertThat(patched.status).as(patched.toString()).isEqualTo(200);
        assertThat(http.patch("/api/v1/customers/" + id, key, "{\"phone\":\"+1 555 0100\"}").status)
                .as("a no-op answers 200 and emits nothing").isEqualTo(200);
        // a ticket's new customer is announced by ticket.created only, which this endpoint does not subscribe to
        assertThat(http.post("/api/v1/tickets", key, HubHttp.ticketJson("Hello", "low", "newcomer@example.com"))
                .status).isEqualTo(201);
        JsonNode listed = http.get("/api/v1/customers?email=GRACE%40example.com", key).json;
        assertThat(listed.get("data")).hasSize(1);
        assertThat(listed.get("data").get(0).get("attributes").get("hubspot.lifecycle_stage").asText())
                .isEqualTo("customer");

        awaitTrue("two customer.updated deliveries", () -> receiver.arrivals.size() >= 2);
        Thread.sleep(1_000); // nothing else may follow: the no-op and the ticket's customer emit nothing
        assertThat(receiver.rejected).as("every delivery verified").isEmpty();
        List<WebhookReceiver.Arrival> arrivals = List.copyOf(receiver.arrivals);
        assertThat(arrivals).hasSize(2).allMatch(a -> a.type().equals("customer.updated"));
        JsonNode first = JSON.readTree(arrivals.get(0).body());
        JsonNode second = JSON.readTree(arrivals.get(1).body());
        assertThat(first.path("data").has("ticket")).isFalse();
        assertThat(first.path("data").path("customer").path("id").asText()).isEqualTo(id);
        assertThat(first.path("data").path("customer").path("company").asText()).isEqualTo("Navy");
        assertThat(first.path("data").path("changed_fields").toString()).isEqualTo("[\"email\",\"name\",\"company\"]");
        assertThat(second.path("data").path("changed_fields").toString()).isEqualTo("[\"phone\",\"attributes\"]");
        assertThat(second.path("data").path("customer")).isEqualTo(JSON.readTree(patched.json.toString()));

        String shown = hub.client("hub:customer-show grace@example.com");
        assertThat(shown).contains(id, "Grace Hopper", "Navy", "+1 555 0100", "hubspot.lifecycle_stage = customer");
        String list = hub.client("hub:customer-list --email GRACE@example.com");
        assertThat(list).contains(id, "grace@example.com");
        assertThat(hub.client("hub:customer-list")).contains("newcomer@example.com");
    }

    private void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for " + what + "; rejected: " + receiver.rejected);
            }
            Thread.sleep(100);
        }
    }
}
