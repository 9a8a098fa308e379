package org.integrationhub.connector.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.Test;

/** Salesforce's error answers, classified; health from a token and the org's limits. */
class ErrorsAndHealthTest extends SalesforceTestSupport {

    private IntegrationException syncFails() {
        try {
            connector.execute(new ActionRequest("sync_customer", Map.of("email", "ann@example.com"), "k"));
        } catch (IntegrationException e) {
            return e;
        }
        throw new AssertionError("sync_customer succeeded");
    }

    @Test
    void theExhaustedDailyAllocationIsRateLimitedWithALongWaitNotAuthentication() {
        salesforce.limitExceeded = true;
        IntegrationException e = syncFails();
        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(e.getMessage()).contains("REQUEST_LIMIT_EXCEEDED").contains("TotalRequests Limit exceeded");
        HealthResult health = connector.checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.DEGRADED);
        assertThat(health.detail()).contains("rate_limited");
    }

    @Test
    void theConcurrentRequestLimitWaitsShortly() {
        salesforce.server.route("GET", FakeSalesforce.VERSION + "/query", Reply.of(403, "[{\"message\":"
                + "\"ConcurrentPerOrgLongTxn Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]"));
        IntegrationException e = syncFails();
        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void otherRefusalsAreClassifiedWithSalesforcesOwnWords() {
        record Case(Reply reply, ErrorCategory category, String text) {
        }
        for (Case c : new Case[] {
            new Case(Reply.of(403, "[{\"message\":\"The REST API is not enabled for this Organization.\","
                    + "\"errorCode\":\"API_DISABLED_FOR_ORG\"}]"), ErrorCategory.AUTHENTICATION, "API_DISABLED_FOR_ORG"),
            new Case(Reply.of(400, "[{\"message\":\"No such column 'Emial' on entity 'Contact'.\",\"errorCode\":"
                    + "\"INVALID_FIELD\"}]"), ErrorCategory.CONFIGURATION, "No such column"),
            new Case(Reply.of(400, "[{\"message\":\"unable to obtain exclusive access to this record\",\"errorCode\":"
                    + "\"UNABLE_TO_LOCK_ROW\"}]"), ErrorCategory.COMMUNICATION, "UNABLE_TO_LOCK_ROW"),
            new Case(Reply.of(503, "[{\"message\":\"Server unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]"),
                    ErrorCategory.COMMUNICATION, "SERVER_UNAVAILABLE"),
            new Case(Reply.of(200, "<html>maintenance</html>").withContentType("text/html"), ErrorCategory.REMOTE,
                    "not a JSON object")}) {
            salesforce.server.route("GET", FakeSalesforce.VERSION + "/query", c.reply());
            IntegrationException e = syncFails();
            assertThat(e.category()).as("%s", c.reply()).isEqualTo(c.category());
            assertThat(e.getMessage()).contains(c.text());
        }
    }

    @Test
    void anAnswerTooLargeToHoldIsRefusedNotRead() {
        String huge = "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"" + "x".repeat(17 * 1024 * 1024)
                + "\"}]}";
        salesforce.server.route("GET", FakeSalesforce.VERSION + "/query", Reply.of(200, huge));
        IntegrationException e = syncFails();
        assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE);
        assertThat(e.getMessage()).contains("more than 16777216 bytes");
    }

    @Test
    void healthShowsTheUserAndTheApiUsage() {
        HealthResult health = connector.checkHealth();
        assertThat(health.status()).isEqualTo(IntegrationStatus.ONLINE);
        assertThat(health.detail()).isEqualTo("authenticated as helpdesk-bot@acme.example on " + salesforce.url()
                + "; api-usage=1/15000; daily API requests 1/15000");
        salesforce.dailyMax = 2;
        assertThat(connector.checkHealth().status()).as("90 %% of the allocation used")
                .isEqualTo(IntegrationStatus.DEGRADED);
    }

    @Test
    void aMissingSettingIsUnconfiguredAndSendsNothing() {
        config.username = " ";
        restart();
        assertThat(connector.checkHealth()).isEqualTo(HealthResult.unconfigured(
                "username (the Salesforce user the hub acts as) is not set"));
        assertThatThrownBy(() -> connector.execute(new ActionRequest("create_case", Map.of("ticket_id", "x"), "k")))
                .isInstanceOfSatisfying(IntegrationException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION));
        assertThat(salesforce.server.requests()).isEmpty();
    }
}
