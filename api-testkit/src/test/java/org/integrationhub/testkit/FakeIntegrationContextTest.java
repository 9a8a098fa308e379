package org.integrationhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationStatus;
import org.junit.jupiter.api.Test;

class FakeIntegrationContextTest {

    @Test
    void secretsResolveFromTheFakeEnvironmentAsThePlatformDoes() {
        try (FakeIntegrationContext context = new FakeIntegrationContext().withEnvironment("TOKEN", "t-1")) {
            assertThat(context.resolveSecret("env:TOKEN")).isEqualTo("t-1");
            assertThat(context.resolveSecret(" ${env:TOKEN} ")).isEqualTo("t-1");
            assertThat(context.resolveSecret("env:MISSING")).isEmpty();
            assertThat(context.resolveSecret("literal")).isEqualTo("literal");
            assertThat(context.resolveSecret(null)).isEmpty();
        }
    }

    @Test
    void ticketLinksFollowTheHubWideTemplate() {
        try (FakeIntegrationContext context = new FakeIntegrationContext()) {
            assertThat(context.ticketUrl("01J")).isEqualTo("http://127.0.0.1:8181/api/v1/tickets/01J");
            assertThat(context.publicBaseUrl()).isEqualTo("http://127.0.0.1:8181");
            context.withLinks("https://desk.example.com/t/{id}?tab=all", "https://hub.example.com");
            assertThat(context.ticketUrl("01J")).isEqualTo("https://desk.example.com/t/01J?tab=all");
            assertThat(context.publicBaseUrl()).isEqualTo("https://hub.example.com");
        }
    }

    @Test
    void statusReportsAreRecordedPerInstance() {
        try (FakeIntegrationContext context = new FakeIntegrationContext()) {
            assertThat(context.lastReport("a")).isNull();
            context.reportStatus("a", HealthResult.unconfigured("token missing"));
            context.reportStatus("a", HealthResult.online("ok"));
            context.reportStatus("b", HealthResult.offline("down"));
            assertThat(context.reports("a")).extracting(HealthResult::status)
                    .containsExactly(IntegrationStatus.UNCONFIGURED, IntegrationStatus.ONLINE);
            assertThat(context.lastReport("b").detail()).isEqualTo("down");
        }
    }

    @Test
    void servicesAreTheOnesHandedInAndTheSchedulerRuns() throws Exception {
        FakeTicketService tickets = new FakeTicketService();
        try (FakeIntegrationContext context = new FakeIntegrationContext(tickets, tickets.customers())) {
            assertThat(context.tickets()).isSameAs(tickets);
            assertThat(context.customers()).isSameAs(tickets.customers());
            CompletableFuture<String> ran = new CompletableFuture<>();
            context.scheduler().schedule(() -> ran.complete("ran"), 10, TimeUnit.MILLISECONDS);
            assertThat(ran.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        }
        try (FakeIntegrationContext bare = new FakeIntegrationContext()) {
            assertThatThrownBy(bare::tickets).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(bare::customers).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
