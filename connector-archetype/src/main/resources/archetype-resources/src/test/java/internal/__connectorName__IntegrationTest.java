package ${package}.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeTicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the connector sends to the vendor and how it reads the answers, against a loopback fake of the API. */
class ${connectorName}IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeTicketService tickets = new FakeTicketService();
    private FakeIntegrationContext context;
    private FakeHttpServer vendor;

    @BeforeEach
    void start() throws Exception {
        context = new FakeIntegrationContext(tickets, tickets.customers())
                .withLinks("https://desk.example.com/tickets/{id}", "https://hub.example.com");
        vendor = FakeHttpServer.start();
    }

    @AfterEach
    void stop() {
        vendor.close();
        context.close();
    }

    private ${connectorName}Integration connector(TestConfig config) {
        return new ${connectorName}Integration(context, config);
    }

    private TestConfig config() {
        return new TestConfig(vendor.uri("/api").toString());
    }

    @Test
    void sendMessagePostsTheTextWithTheTokenAndTheIdempotencyKey() throws Exception {
        vendor.route("POST", "/api/messages", Reply.of(201, "{\"id\":\"m-42\"}"));

        ActionResult result = connector(config()).execute(new ActionRequest("send_message",
                Map.of("text", "Printer on fire", "ticket_id", "01JTICKET"), "key-1"));

        assertThat(result.data()).containsEntry("id", "m-42");
        FakeHttpServer.Recorded sent = vendor.assertExactlyOnce("POST", "/api/messages");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer test-token-123");
        assertThat(sent.header("Idempotency-Key")).isEqualTo("key-1");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.get("text").asText()).isEqualTo("Printer on fire");
        assertThat(body.get("ticket_url").asText()).isEqualTo("https://desk.example.com/tickets/01JTICKET");
    }

    @Test
    void sendMessageWithoutTextIsAConfigurationErrorAndCallsNothing() {
        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> connector(config()).execute(new ActionRequest("send_message", Map.of("text", " "), null)));

        assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(vendor.requests()).isEmpty();
    }

    @Test
    void anEventIsPostedOnceWithItsIdAsIdempotencyKeyEvenWhenDeliveredTwice() throws Exception {
        ${connectorName}Integration connector = connector(config());
        tickets.create(new NewTicket("Printer on fire", "3rd floor", Priority.URGENT,
                new Person("ann@example.com", "Ann"), null));
        HubEvent created = tickets.lastEvent();

        connector.onEvent(created);
        connector.onEvent(created); // at-least-once delivery: the same event again

        FakeHttpServer.Recorded sent = vendor.assertExactlyOnce("POST", "/api/events");
        assertThat(sent.header("Idempotency-Key")).isEqualTo(created.id());
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.get("id").asText()).isEqualTo(created.id());
        assertThat(body.get("type").asText()).isEqualTo("ticket.created");
        assertThat(body.at("/ticket/priority").asText()).isEqualTo("urgent");
        assertThat(body.at("/ticket/url").asText()).isEqualTo("https://desk.example.com/tickets/" + created.ticketId());
    }

    @Test
    void aFailedEventIsSentAgainWhenTheHubRetriesIt() throws Exception {
        vendor.route("POST", "/api/events", Reply.of(503, "{}"), Reply.of(200, "{}"));
        ${connectorName}Integration connector = connector(config());
        tickets.create(new NewTicket("Slow vendor", "", Priority.NORMAL, new Person("bob@example.com", "Bob"), null));
        HubEvent created = tickets.lastEvent();

        IntegrationException first = catchThrowableOfType(IntegrationException.class, () -> connector.onEvent(created));
        connector.onEvent(created);

        assertThat(first.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(vendor.requests("POST", "/api/events")).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo(created.id()));
    }

    @Test
    void aRateLimitCarriesTheVendorsRetryAfter() {
        vendor.route("POST", "/api/messages", Reply.of(429, "{}").withHeader("Retry-After", "7"));

        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> connector(config()).execute(new ActionRequest("send_message", Map.of("text", "hi"), null)));

        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAlsoComesAsAnHttpDate() {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        assertThat(${connectorName}Client.retryAfter("Wed, 01 Jan 2025 00:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(${connectorName}Client.retryAfter("Sat, 05 Dec 2026 10:00:30 GMT", now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(${connectorName}Client.retryAfter("soon", now)).isNull();
    }

    @Test
    void healthIsOnlineWithTheVendorsNameAndOfflineForARefusedToken() {
        vendor.route("GET", "/api/me", Reply.of(200, "{\"name\":\"acme-bot\"}"), Reply.of(401, "{}"));
        ${connectorName}Integration connector = connector(config());

        assertThat(connector.checkHealth()).isEqualTo(HealthResult.online("authenticated as acme-bot"));
        HealthResult refused = connector.checkHealth();
        assertThat(refused.status()).isEqualTo(IntegrationStatus.OFFLINE);
        assertThat(refused.detail()).contains("authentication").doesNotContain("test-token-123");
    }

    @Test
    void withoutATokenTheInstanceIsUnconfiguredAndSaysSo() {
        ${connectorName}Integration connector = connector(config().token(""));

        assertThat(connector.checkHealth().status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
        assertThat(context.lastReport("demo").detail()).contains(".token");
        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> connector.execute(new ActionRequest("send_message", Map.of("text", "hi"), null)));
        assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(vendor.requests()).isEmpty();
    }

    @Test
    void theTokenIsReadFromTheEnvironmentWithEnvPrefix() throws Exception {
        context.withEnvironment("TEST_TOKEN", "from-the-environment");

        connector(config().token("env:TEST_TOKEN")).execute(new ActionRequest("send_message", Map.of("text", "hi"), null));

        assertThat(vendor.assertExactlyOnce("POST", "/api/messages").header("Authorization"))
                .isEqualTo("Bearer from-the-environment");
    }

    @Test
    void anApiUrlWithCredentialsOrWithoutHttpIsRefused() {
        for (String url : List.of("https://user:pw@api.example.com", "ftp://api.example.com", "not a url", "")) {
            assertThat(connector(config().apiUrl(url)).checkHealth().status()).as(url)
                    .isEqualTo(IntegrationStatus.UNCONFIGURED);
        }
    }

    @Test
    void configurationKeysAndDefaultsArePinned() throws Exception {
        assertThat(${connectorName}Integration.PID).isEqualTo("org.integrationhub.connector.${connectorType}");
        assertThat((String[]) ${connectorName}Config.class.getMethod("integration_events").getDefaultValue())
                .containsExactly("*");
        assertThat(${connectorName}Config.class.getMethod("integration_min_priority").getDefaultValue()).isEqualTo("");
        assertThat(${connectorName}Config.class.getMethod("api_url").getDefaultValue())
                .isEqualTo(${connectorName}Integration.DEFAULT_API_URL);
        assertThat(${connectorName}Config.class.getMethod("_token").getDefaultValue()).as(".token has no default").isNull();
        assertThat(${connectorName}Config.class.getMethod("timeout_millis").getDefaultValue()).isEqualTo(5000L);
        assertThat(connector(config()).descriptor().secretProperties()).containsExactlyInAnyOrder(".token",
                ".webhook.secret");
    }
}
