package org.integrationhub.connector.example.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What http-notify sends and how it reads the answers, against a loopback fake endpoint; no OSGi. */
class HttpNotifyIntegrationTest {

    private FakeIntegrationContext context;
    private FakeHttpServer remote;

    @BeforeEach
    void start() throws Exception {
        context = new FakeIntegrationContext();
        remote = FakeHttpServer.start();
    }

    @AfterEach
    void stop() {
        remote.close();
        context.close();
    }

    private IntegrationInterface createIntegration(FakeIntegrationContext context, FakeHttpServer remote) {
        context.withEnvironment("NOTIFY_TOKEN", "s3cret");
        return new HttpNotifyIntegration(context, config(remote.uri("/hook").toString(), "env:NOTIFY_TOKEN"));
    }

    @Test
    void notifyPostsJsonWithIdempotencyKeyAndBearerToken() throws Exception {
        IntegrationInterface integration = createIntegration(context, remote);
        remote.enqueue(Reply.of(201, "{\"accepted\":true}"));
        ActionResult result = integration.execute(new ActionRequest("notify", Map.of("text", "hello \"ops\""), "key-1"));
        assertThat(result.data()).containsEntry("status", 201).containsEntry("response", "{\"accepted\":true}");
        FakeHttpServer.Recorded request = remote.requests().get(0);
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.body()).isEqualTo("{\"type\":\"notify\",\"text\":\"hello \\\"ops\\\"\"}");
        assertThat(request.header("Idempotency-Key")).isEqualTo("key-1");
        assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret");
    }

    @Test
    void eventsArePostedWithTheEventIdAsIdempotencyKey() throws Exception {
        IntegrationInterface integration = createIntegration(context, remote);
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        Ticket ticket = new Ticket("01TICKET", "Printer on fire", "", Priority.URGENT, TicketStatus.OPEN, null,
                new org.integrationhub.api.Customer("01CUST", "a@example.com", "A", Map.of(), now),
                now, now, now, null);
        integration.onEvent(new HubEvent("01EVENT", 7, EventType.TICKET_CREATED, now, ticket, null, null, Set.of()));
        FakeHttpServer.Recorded request = remote.requests().get(0);
        assertThat(request.header("Idempotency-Key")).isEqualTo("01EVENT");
        assertThat(request.body()).contains("\"type\":\"ticket.created\"", "\"ticket_id\":\"01TICKET\"",
                "\"priority\":\"urgent\"", "\"sequence\":7");
    }

    @Test
    void remoteStatusesAreClassified() throws Exception {
        IntegrationInterface integration = createIntegration(context, remote);
        remote.enqueue(new Reply(429, "{}", Map.of("Retry-After", "7"), Duration.ZERO), Reply.of(503, ""),
                Reply.of(401, ""), Reply.of(422, ""));
        ActionRequest request = new ActionRequest("notify", Map.of("text", "x"), "k");
        IntegrationException limited = catchThrowableOfType(IntegrationException.class, () -> integration.execute(request));
        assertThat(limited.category()).isEqualTo(ErrorCategory.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(catchThrowableOfType(IntegrationException.class, () -> integration.execute(request)).category())
                .isEqualTo(ErrorCategory.COMMUNICATION);
        assertThat(catchThrowableOfType(IntegrationException.class, () -> integration.execute(request)).category())
                .isEqualTo(ErrorCategory.AUTHENTICATION);
        assertThat(catchThrowableOfType(IntegrationException.class, () -> integration.execute(request)).category())
                .isEqualTo(ErrorCategory.CONFIGURATION);
    }

    @Test
    void healthIsOnlineWhenThePingSucceedsAndOfflineOnBadCredentials() {
        IntegrationInterface integration = createIntegration(context, remote);
        assertThat(integration.checkHealth().status()).isEqualTo(IntegrationStatus.ONLINE);
        remote.enqueue(Reply.of(403, ""));
        assertThat(integration.checkHealth().status()).isEqualTo(IntegrationStatus.OFFLINE);
        assertThat(integration.checkHealth().detail()).doesNotContain("s3cret");
    }

    @Test
    void aBadUrlMakesTheInstanceUnconfigured() {
        HttpNotifyIntegration integration = new HttpNotifyIntegration(context, config("ftp://x", ""));
        assertThat(integration.checkHealth().status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
        assertThat(context.lastReport("ops").status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
    }

    @Test
    void declaresItsQuotaAndSecretKey() {
        IntegrationInterface integration = createIntegration(context, remote);
        assertThat(integration.descriptor().quota().permits()).isEqualTo(10);
        assertThat(integration.descriptor().secretProperties()).containsExactly(".token");
    }

    static HttpNotifyConfig config(String url, String token) {
        return new HttpNotifyConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HttpNotifyConfig.class;
            }

            @Override
            public String integration_name() {
                return "ops";
            }

            @Override
            public String[] integration_events() {
                return new String[] {"*"};
            }

            @Override
            public String integration_min_priority() {
                return "";
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String _token() {
                return token;
            }

            @Override
            public int quotaPerSecond() {
                return 10;
            }

            @Override
            public long requestTimeoutMillis() {
                return 2000;
            }

            @Override
            public String webconsole_configurationFactory_nameHint() {
                return "";
            }
        };
    }
}
