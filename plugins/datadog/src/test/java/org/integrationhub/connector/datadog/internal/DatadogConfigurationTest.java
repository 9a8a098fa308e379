package org.integrationhub.connector.datadog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeTicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The configuration keys and defaults (CONTRACT "Connector instances": datadog), and what bad settings do. */
class DatadogConfigurationTest {

    private final FakeTicketService tickets = new FakeTicketService();
    private final FakeIntegrationContext context = new FakeIntegrationContext(tickets, tickets.customers());

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void keysAndDefaultsArePinned() {
        Map<String, Object> defaults = new TreeMap<>();
        for (Method m : DatadogConfiguration.class.getDeclaredMethods()) {
            String key = m.getName().replace('_', '.');
            defaults.put(key, m.getDefaultValue());
        }
        assertThat(defaults).containsOnlyKeys("integration.name", ".api.key", "environment", "tags",
                "interval.seconds", "api.url", "timeout.millis", "webconsole.configurationFactory.nameHint");
        assertThat(defaults).containsEntry("api.url", "https://api.datadoghq.com").containsEntry("interval.seconds", 60)
                .containsEntry(".api.key", "").containsEntry("environment", "").containsEntry("tags", "")
                .containsEntry("timeout.millis", 8000);
    }

    @Test
    void theApiKeyIsASecretAndTheIntervalHasASaneMinimum() {
        assertThat(new DatadogIntegration(context, new TestConfig("http://127.0.0.1:1"), Duration.ofHours(1))
                .descriptor().secretProperties()).containsExactly(".api.key");
        TestConfig five = new TestConfig("http://127.0.0.1:1");
        five.intervalSeconds = 5;
        DatadogIntegration integration = new DatadogIntegration(context, five, Duration.ofHours(1));
        assertThat(integration.schedule() != null).as("5 s is allowed").isTrue();
        integration.deactivate();
    }

    @Test
    void tagsAreParsedLowerCasedAndDeduplicated() {
        assertThat(GaugeSeries.baseTags(" Production ", " team:support ,Region:EU,,team:support, "))
                .containsExactly("service:helpdesk", "environment:production", "team:support", "region:eu");
        assertThat(GaugeSeries.baseTags("eu-west/1", "")).containsExactly("service:helpdesk",
                "environment:eu-west/1");
    }

    @Test
    void badTagsAndEnvironmentsAreRejectedWithTheirValue() {
        assertThatThrownBy(() -> GaugeSeries.baseTags("", "")).hasMessage("environment is not set (e.g. production)");
        assertThatThrownBy(() -> GaugeSeries.baseTags("prod env", "")).hasMessageContaining("'prod env'");
        assertThatThrownBy(() -> GaugeSeries.baseTags("prod", "team support")).hasMessageStartingWith(
                "tag 'team support' is not key:value");
        assertThatThrownBy(() -> GaugeSeries.baseTags("prod", "team")).hasMessageStartingWith("tag 'team'");
        assertThatThrownBy(() -> GaugeSeries.baseTags("prod", "1team:x")).hasMessageStartingWith("tag '1team:x'");
        assertThatThrownBy(() -> GaugeSeries.baseTags("prod", "priority:high")).hasMessage(
                "tag 'priority:high': the connector sets priority: itself");
        assertThatThrownBy(() -> GaugeSeries.baseTags("prod", "service:x")).hasMessageContaining("sets service:");
    }

    @Test
    void aBadSettingLeavesTheInstanceUnconfiguredWithoutSchedulingOrCallingDatadog() {
        assertUnconfigured(c -> c.apiKey = "  ", ".api.key is not set");
        assertUnconfigured(c -> c.environment = "", "environment is not set (e.g. production)");
        assertUnconfigured(c -> c.intervalSeconds = 1, "interval.seconds must be 5 to 3600, was 1");
        assertUnconfigured(c -> c.apiUrl = "ftp://example.com", "api.url must be an http(s) URL such as "
                + "https://api.datadoghq.com");
        assertUnconfigured(c -> c.tags = "a b", "tag 'a b' is not key:value");
        assertUnconfigured(c -> c.timeoutMillis = 60_000, "timeout.millis must be 100 to 9000, was 60000");
    }

    @Test
    void theKeyMayComeFromTheEnvironment() {
        context.withEnvironment("DD_API_KEY", TestConfig.API_KEY);
        TestConfig config = new TestConfig("http://127.0.0.1:1");
        config.apiKey = "env:DD_API_KEY";
        DatadogIntegration integration = new DatadogIntegration(context, config, Duration.ofHours(1));
        assertThat(integration.schedule() != null).as("scheduled").isTrue();
        integration.deactivate();
    }

    private void assertUnconfigured(java.util.function.Consumer<TestConfig> change, String message) {
        TestConfig config = new TestConfig("http://127.0.0.1:1");
        change.accept(config);
        DatadogIntegration integration = new DatadogIntegration(context, config, Duration.ofMillis(1));
        assertThat(integration.schedule() == null).as("no schedule").isTrue();
        assertThat(integration.checkHealth().status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
        assertThat(integration.checkHealth().detail()).startsWith(message);
        assertThat(context.lastReport("datadog-prod").detail()).startsWith(message);
        assertThat(integration.reportIfLeaseHolder()).isNull();
        assertThatThrownBy(() -> integration.execute(new ActionRequest("report_now", Map.of(), null)))
                .isInstanceOfSatisfying(IntegrationException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION));
    }
}
