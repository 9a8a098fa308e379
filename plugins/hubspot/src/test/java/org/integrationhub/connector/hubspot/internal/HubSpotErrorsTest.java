package org.integrationhub.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

/** HubSpot's limits and failures as the gateway needs them: 429 per policy, 401/403, 5xx, and the health check. */
class HubSpotErrorsTest extends HubSpotTestSupport {

    private IntegrationException lookupFails(Reply reply) {
        hubspot.route("POST", FakeHubSpot.SEARCH, reply);
        return catchThrowableOfType(IntegrationException.class, () -> integration.onEvent(tickets.lastEvent()));
    }

    @Test
    void theTenSecondPolicyWaitsOutHubSpotsInterval() {
        annsTicket();
        IntegrationException e = lookupFails(Reply.of(429, FakeHubSpot.rateLimited("TEN_SECONDLY_ROLLING"))
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withHeader("X-HubSpot-RateLimit-Max", "100").withHeader("X-HubSpot-RateLimit-Remaining", "0"));
        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(e.getMessage()).isEqualTo("HubSpot answered POST /crm/v3/objects/contacts/search with HTTP 429 "
                + "(TEN_SECONDLY_ROLLING): You have reached your ten_secondly_rolling limit.");

        IntegrationException shorter = lookupFails(Reply.of(429, FakeHubSpot.rateLimited("TEN_SECONDLY_ROLLING"))
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "2500"));
        assertThat(shorter.retryAfter()).isEqualTo(Duration.ofMillis(2500));

        IntegrationException bare = lookupFails(Reply.of(429, "{}"));
        assertThat(bare.retryAfter()).as("no header, no policy: HubSpot's 10 s window").isEqualTo(Duration.ofSeconds(10));
        assertThat(customers.updates()).isEmpty();
    }

    @Test
    void theDailyPolicyWaitsLonger() {
        annsTicket();
        IntegrationException e = lookupFails(Reply.of(429, FakeHubSpot.rateLimited("DAILY"))
                .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withHeader("X-HubSpot-RateLimit-Daily", "250000")
                .withHeader("X-HubSpot-RateLimit-Daily-Remaining", "0"));
        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(e.getMessage()).contains("(DAILY)");
    }

    @Test
    void aRetryAfterHeaderWinsAndTheSearchSecondlyLimitWaitsASecond() {
        annsTicket();
        assertThat(lookupFails(Reply.of(429, FakeHubSpot.rateLimited("DAILY")).withHeader("Retry-After", "3"))
                .retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(lookupFails(Reply.of(429, FakeHubSpot.rateLimited("SECONDLY"))).retryAfter())
                .isEqualTo(Duration.ofSeconds(1));
    }

    /**
     * HubSpot's documented temporary 4xx answers (https://developers.hubspot.com/docs/api/error-handling): 423 Locked
     * (a lock of 2 s during bulk syncs: wait at least 2 s) and 477 Migration in Progress (the account moves between
     * data hosting locations: wait the Retry-After seconds, up to 24 h). Neither is a bad configuration.
     */
    @Test
    void lockedAndMigrationInProgressAreRetriedAfterTheirWait() {
        annsTicket();
        IntegrationException locked = lookupFails(Reply.of(423, "{\"status\":\"error\",\"message\":\"Locked\","
                + "\"correlationId\":\"x\"}"));
        assertThat(locked.category().isRetryable()).isTrue();
        assertThat(locked.retryAfter()).isEqualTo(Duration.ofSeconds(2));

        IntegrationException migrating = lookupFails(Reply.of(477, "{\"status\":\"error\",\"message\":\"Migration "
                + "in progress\",\"correlationId\":\"y\"}").withHeader("Retry-After", "3600"));
        assertThat(migrating.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(migrating.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(migrating.getMessage()).contains("HTTP 477");
        assertThat(customers.updates()).isEmpty();
    }

    @Test
    void authenticationAndOutagesAreClassifiedWithoutTheToken() {
        annsTicket();
        IntegrationException expired = lookupFails(Reply.of(401, "{\"status\":\"error\",\"message\":\"Authentication "
                + "credentials not found. Token " + TestConfig.TOKEN + " is expired.\",\"correlationId\":\"x\","
                + "\"category\":\"INVALID_AUTHENTICATION\"}"));
        assertThat(expired.category()).isEqualTo(ErrorCategory.AUTHENTICATION);
        assertThat(expired.getMessage()).doesNotContain(TestConfig.TOKEN).contains("Token *** is expired");

        IntegrationException scopes = lookupFails(Reply.of(403, "{\"status\":\"error\",\"message\":\"This app hasn't "
                + "been granted all required scopes to make this call.\",\"category\":\"MISSING_SCOPES\"}"));
        assertThat(scopes.category()).isEqualTo(ErrorCategory.AUTHENTICATION);

        IntegrationException down = lookupFails(Reply.of(502, "<html>Bad gateway</html>").withContentType("text/html"));
        assertThat(down.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(down.category().isRetryable()).isTrue();
    }

    @Test
    void aFailingFallbackReadIsClassifiedAndNeverTheAddressInTheMessage() {
        annsTicket();
        hubspot.route("GET", FakeHubSpot.CONTACTS + "/ann@example.com", Reply.of(503, "{}"));
        IntegrationException e = lookupFails(Reply.of(200, FakeHubSpot.searchResult()));
        assertThat(e.category()).isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(e.getMessage()).isEqualTo("HubSpot answered GET /crm/v3/objects/contacts/{id} with HTTP 503");
    }

    @Test
    void healthReadsOneContactPage() {
        HealthResult ok = integration.checkHealth();
        assertThat(ok.status()).isEqualTo(IntegrationStatus.ONLINE);
        assertThat(ok.detail()).isEqualTo("contacts readable with the access token");
        var read = hubspot.assertExactlyOnce("GET", FakeHubSpot.CONTACTS);
        assertThat(read.queryParameters()).isEqualTo(Map.of("limit", java.util.List.of("1")));
        assertThat(read.header("Authorization")).isEqualTo("Bearer " + TestConfig.TOKEN);

        hubspot.route("GET", FakeHubSpot.CONTACTS, Reply.of(401, "{\"status\":\"error\",\"message\":\"expired\"}"));
        assertThat(integration.checkHealth().status()).isEqualTo(IntegrationStatus.OFFLINE);
    }

    @Test
    void withoutAClientSecretHealthSaysWebhooksAreRefused() {
        config.secret = "";
        HubSpotIntegration noSecret = new HubSpotIntegration(context, config);
        assertThat(noSecret.checkHealth().detail()).isEqualTo("contacts readable with the access token; webhooks "
                + "refused: .client.secret is not set");
    }
}
