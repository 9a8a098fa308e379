package org.integrationhub.connector.datadog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.FakeCustomerService;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeTicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a report sends to a loopback Datadog, and what the connector does with Datadog's answers. */
class DatadogReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
    private static final String LEASE = "datadog-prod/report";
    private static final Duration NO_SCHEDULED_REPORT = Duration.ofHours(1);

    private final SettableClock clock = new SettableClock(T0);
    private FakeTicketService tickets;
    private FakeIntegrationContext context;
    private FakeHttpServer datadog;
    private TestConfig config;

    @BeforeEach
    void start() throws Exception {
        tickets = new FakeTicketService(new FakeCustomerService(), clock);
        context = new FakeIntegrationContext(tickets, tickets.customers());
        datadog = FakeHttpServer.start();
        datadog.route("POST", DatadogClient.SERIES, Reply.of(202, "{\"errors\":[]}"));
        datadog.route("GET", DatadogClient.VALIDATE, Reply.of(200, "{\"valid\":true}"));
        config = new TestConfig(datadog.uri("").toString());
    }

    @AfterEach
    void stop() {
        datadog.close();
        context.close();
    }

    /**
     * At T0 + 5 h: urgent A open and overdue (SLA 4 h); urgent E resolved late at T0 + 4.5 h (270 min); high B
     * resolved at T0 + 30 min (outside the hour); normal C resolved at T0 + 5 h (300 min); low D open.
     */
    private void arrangeTickets() {
        Ticket a = create("A", Priority.URGENT);
        Ticket b = create("B", Priority.HIGH);
        Ticket c = create("C", Priority.NORMAL);
        create("D", Priority.LOW);
        Ticket e = create("E", Priority.URGENT);
        clock.set(T0.plus(Duration.ofMinutes(30)));
        tickets.update(b.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        clock.set(T0.plus(Duration.ofMinutes(270)));
        tickets.update(e.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        clock.set(T0.plus(Duration.ofHours(5)));
        tickets.update(c.id(), TicketUpdate.status(TicketStatus.RESOLVED));
        assertThat(tickets.find(a.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
    }

    private Ticket create(String subject, Priority priority) {
        return tickets.create(new NewTicket(subject, "", priority, new Person("ann@example.com", "Ann"), null));
    }

    private static String series(String metric, Object value, String priority, long timestamp, String... extraTags) {
        StringBuilder tags = new StringBuilder("\"service:helpdesk\",\"environment:production\"");
        for (String t : extraTags) {
            tags.append(",\"").append(t).append('"');
        }
        tags.append(",\"priority:").append(priority).append('"');
        return "{\"metric\":\"" + metric + "\",\"type\":3,\"points\":[{\"timestamp\":" + timestamp + ",\"value\":"
                + value + "}],\"tags\":[" + tags + "]}";
    }

    @Test
    void aReportPostsTheGaugesInTotalAndPerPriorityWithTheirTags() throws Exception {
        config.tags = "team:support, Region:EU";
        arrangeTickets();
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);

        integration.reportIfLeaseHolder().get(30, TimeUnit.SECONDS);

        Recorded post = datadog.assertExactlyOnce("POST", DatadogClient.SERIES);
        assertThat(post.header("DD-API-KEY")).isEqualTo(TestConfig.API_KEY);
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        long ts = T0.plus(Duration.ofHours(5)).getEpochSecond();
        String[] extra = {"team:support", "region:eu"};
        String expected = "{\"series\":["
                + series("helpdesk.tickets.open", 2, "all", ts, extra) + ","
                + series("helpdesk.tickets.overdue", 1, "all", ts, extra) + ","
                + series("helpdesk.sla.breached", 2, "all", ts, extra) + ","
                + series("helpdesk.resolution.average", 285.0, "all", ts, extra) + ","
                + series("helpdesk.tickets.open", 1, "low", ts, extra) + ","
                + series("helpdesk.tickets.overdue", 0, "low", ts, extra) + ","
                + series("helpdesk.sla.breached", 0, "low", ts, extra) + ","
                + series("helpdesk.tickets.open", 0, "normal", ts, extra) + ","
                + series("helpdesk.tickets.overdue", 0, "normal", ts, extra) + ","
                + series("helpdesk.sla.breached", 0, "normal", ts, extra) + ","
                + series("helpdesk.resolution.average", 300.0, "normal", ts, extra) + ","
                + series("helpdesk.tickets.open", 0, "high", ts, extra) + ","
                + series("helpdesk.tickets.overdue", 0, "high", ts, extra) + ","
                + series("helpdesk.sla.breached", 0, "high", ts, extra) + ","
                + series("helpdesk.tickets.open", 1, "urgent", ts, extra) + ","
                + series("helpdesk.tickets.overdue", 1, "urgent", ts, extra) + ","
                + series("helpdesk.sla.breached", 2, "urgent", ts, extra) + ","
                + series("helpdesk.resolution.average", 270.0, "urgent", ts, extra)
                + "]}";
        assertThat(JSON.readTree(post.body())).isEqualTo(JSON.readTree(expected));
        // the lease was taken for 2.5 intervals before sending
        assertThat(context.leaseCalls(LEASE)).containsExactly(Duration.ofSeconds(150));
        assertThat(context.lastReport("datadog-prod").status()).isEqualTo(IntegrationStatus.ONLINE);
        assertThat(context.lastReport("datadog-prod").detail()).isEqualTo(
                "last report: 18 series at 2026-12-05T13:00:00Z");
    }

    @Test
    void noTicketIdEverBecomesATagAndTheTimestampIsEpochSeconds() throws Exception {
        arrangeTickets();
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);
        integration.reportIfLeaseHolder().get(30, TimeUnit.SECONDS);
        JsonNode body = JSON.readTree(datadog.assertExactlyOnce("POST", DatadogClient.SERIES).body());
        for (JsonNode s : body.path("series")) {
            assertThat(s.path("points").path(0).path("timestamp").asLong()).isEqualTo(
                    T0.plus(Duration.ofHours(5)).getEpochSecond());
            for (JsonNode tag : s.path("tags")) {
                assertThat(tag.asText()).matches("(service|environment|priority):[a-z]+");
            }
        }
    }

    @Test
    void whenAnotherNodeHoldsTheLeaseNothingIsSent() throws Exception {
        context.leaseHeldElsewhere(LEASE, true);
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);

        assertThat(integration.reportIfLeaseHolder()).isNull();
        assertThat(integration.reportIfLeaseHolder()).isNull();
        assertThat(datadog.requests()).isEmpty();
        assertThat(context.leaseCalls(LEASE)).hasSize(2);
        assertThat(context.lastReport("datadog-prod").detail()).startsWith("standby: another hub node");
        assertThat(integration.checkHealth().detail()).contains("standby");

        // the other node died: its lease ran out and this node takes over at its next interval
        context.leaseHeldElsewhere(LEASE, false);
        integration.reportIfLeaseHolder().get(30, TimeUnit.SECONDS);
        datadog.assertExactlyOnce("POST", DatadogClient.SERIES);
    }

    @Test
    void aRejectedKeyIsReportedAsAnAuthenticationFailure() throws Exception {
        datadog.route("POST", DatadogClient.SERIES, Reply.of(403, "{\"errors\":[\"Forbidden\"]}"));
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);

        integration.reportIfLeaseHolder().get(30, TimeUnit.SECONDS);

        HealthResult status = context.lastReport("datadog-prod");
        assertThat(status.status()).isEqualTo(IntegrationStatus.OFFLINE);
        assertThat(status.detail()).startsWith("authentication error: Datadog answered 403 to POST /api/v2/series: "
                + "Forbidden");
        assertThat(status.detail()).doesNotContain(TestConfig.API_KEY);
    }

    @Test
    void afterA429OrA5xxTheNextIntervalSendsTheThenCurrentValues() throws Exception {
        datadog.route("POST", DatadogClient.SERIES,
                Reply.of(429, "{\"errors\":[\"Too many requests\"]}").withHeader("X-RateLimit-Reset", "12"),
                Reply.of(503, "{}"),
                Reply.of(202, "{\"errors\":[]}"));
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);

        integration.reportIfLeaseHolder().get(30, TimeUnit.SECONDS);
        assertThat(context.lastReport("datadog-prod").status()).isEqualTo(IntegrationStatus.DEGRADED);
        assertThat(context.lastReport("datadog-prod").detail()).contains("next interval").contains("429");
        integration.reportIfLeaseHolder().get(30, TimeUnit.SECONDS);
        assertThat(context.lastReport("datadog-prod").detail()).contains("503");

        create("new one", Priority.HIGH);
        integration.reportIfLeaseHolder().get(30, TimeUnit.SECONDS);

        List<Recorded> posts = datadog.requests("POST", DatadogClient.SERIES);
        assertThat(posts).hasSize(3);
        JsonNode last = JSON.readTree(posts.get(2).body()).path("series").path(0);
        assertThat(last.path("metric").asText()).isEqualTo("helpdesk.tickets.open");
        assertThat(last.path("points").path(0).path("value").asLong()).isEqualTo(1);
        assertThat(context.lastReport("datadog-prod").status()).isEqualTo(IntegrationStatus.ONLINE);
    }

    @Test
    void aSubmissionDoesNotWaitForDatadogAndOverlappingReportsAreSkipped() throws Exception {
        config.timeoutMillis = 1000;
        datadog.route("POST", DatadogClient.SERIES, Reply.of(202, "{\"errors\":[]}").withDelay(Duration.ofSeconds(5)));
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);

        CompletableFuture<Void> first = integration.reportIfLeaseHolder();
        // returned while Datadog still holds the request: the scheduler's thread is free again
        assertThat(first).isNotDone();
        assertThat(integration.reportIfLeaseHolder()).as("a report while one is in flight").isNull();
        first.get(30, TimeUnit.SECONDS);
        // the timeout ended it: a communication failure, skipped until the next interval
        assertThat(context.lastReport("datadog-prod").status()).isEqualTo(IntegrationStatus.DEGRADED);
        assertThat(context.lastReport("datadog-prod").detail()).contains("did not answer POST /api/v2/series");
        assertThat(integration.reportIfLeaseHolder()).as("the next interval sends again").isNotNull();
    }

    @Test
    void theScheduleReportsOnTheSchedulerAndDeactivationCancelsIt() throws Exception {
        config.intervalSeconds = 5;
        DatadogIntegration integration = new DatadogIntegration(context, config, Duration.ofMillis(50));

        datadog.await("POST", DatadogClient.SERIES, 1, Duration.ofSeconds(30));
        assertThat(context.leaseCalls(LEASE)).first().isEqualTo(Duration.ofMillis(12_500));
        assertThat(integration.schedule().isCancelled()).isFalse();

        integration.deactivate();

        assertThat(integration.schedule().isCancelled()).isTrue();
        int sent = datadog.requests("POST", DatadogClient.SERIES).size();
        assertThat(integration.reportIfLeaseHolder()).as("a stopped instance reports nothing").isNull();
        assertThat(datadog.requests("POST", DatadogClient.SERIES)).hasSize(sent);
    }

    @Test
    void reportNowSubmitsAtOnceAndAnswersWhatItSent() throws Exception {
        arrangeTickets();
        context.leaseHeldElsewhere(LEASE, true);
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);

        ActionResult result = integration.execute(new ActionRequest("report_now", Map.of(), null));

        datadog.assertExactlyOnce("POST", DatadogClient.SERIES);
        assertThat(result.data()).containsEntry("timestamp", T0.plus(Duration.ofHours(5)).getEpochSecond())
                .containsEntry("series_count", 18);
        assertThat((List<?>) result.data().get("series")).first().isEqualTo(Map.of("metric", "helpdesk.tickets.open",
                "value", 2L, "tags", List.of("service:helpdesk", "environment:production", "priority:all")));
    }

    @Test
    void healthIsTheKeyValidation() {
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);
        HealthResult ok = integration.checkHealth();
        assertThat(ok.status()).isEqualTo(IntegrationStatus.ONLINE);
        assertThat(ok.detail()).isEqualTo("API key valid; no report yet");
        assertThat(datadog.assertExactlyOnce("GET", DatadogClient.VALIDATE).header("DD-API-KEY"))
                .isEqualTo(TestConfig.API_KEY);

        datadog.route("GET", DatadogClient.VALIDATE, Reply.of(403, "{\"errors\":[\"Forbidden\"]}"));
        assertThat(integration.checkHealth().status()).isEqualTo(IntegrationStatus.OFFLINE);
        datadog.route("GET", DatadogClient.VALIDATE, Reply.of(200, "{\"valid\":false}"));
        assertThat(integration.checkHealth().status()).isNotEqualTo(IntegrationStatus.ONLINE);
    }

    @Test
    void aRateLimitedReportNowCarriesDatadogsResetAsRetryAfter() {
        datadog.route("POST", DatadogClient.SERIES, Reply.of(429, "{}").withHeader("X-RateLimit-Reset", "12"));
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);
        assertThatThrownBy(() -> integration.execute(new ActionRequest("report_now", Map.of(), null)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
                });
    }

    @Test
    void aFailureWithoutABodyOrWithHtmlIsStillClassified() throws Exception {
        datadog.route("POST", DatadogClient.SERIES, Reply.of(502, ""),
                Reply.of(500, "<html>oops</html>").withContentType("text/html"));
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);
        integration.reportIfLeaseHolder().get(30, TimeUnit.SECONDS);
        assertThat(context.lastReport("datadog-prod").detail()).isEqualTo("report skipped, the next interval sends "
                + "again: Datadog answered 502 to POST /api/v2/series");
        integration.reportIfLeaseHolder().get(30, TimeUnit.SECONDS);
        assertThat(context.lastReport("datadog-prod").detail()).endsWith("Datadog answered 500 to POST /api/v2/series");
    }

    @Test
    void errorsInAnAcceptedAnswerAreNotASuccess() throws Exception {
        datadog.route("POST", DatadogClient.SERIES, Reply.of(202, "{\"errors\":[\"Point too old\"]}"));
        DatadogIntegration integration = new DatadogIntegration(context, config, NO_SCHEDULED_REPORT);
        integration.reportIfLeaseHolder().get(30, TimeUnit.SECONDS);
        assertThat(context.lastReport("datadog-prod").status()).isEqualTo(IntegrationStatus.DEGRADED);
        assertThat(context.lastReport("datadog-prod").detail()).contains("Point too old");
    }

    /** A clock a test sets by hand. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
