package org.integrationhub.connector.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.spi.VendorQuota;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.junit.jupiter.api.Test;

/** Pins the configuration keys (CONTRACT: connector instances; DS maps _ to .), the quota and bad configurations. */
class HubSpotConfigurationTest {

    @Test
    void keysAndDefaults() {
        Map<String, Object> defaults = new TreeMap<>();
        for (Method m : HubSpotConfiguration.class.getDeclaredMethods()) {
            Object d = m.getDefaultValue();
            defaults.put(m.getName().replace("_", "."), d instanceof String[] a ? String.join(",", a) : d);
        }
        assertThat(defaults).containsEntry("integration.name", "hubspot").containsEntry("integration.events", "*")
                .containsEntry("integration.min.priority", "").containsEntry("api.url", "https://api.hubapi.com")
                .containsEntry(".access.token", "").containsEntry(".client.secret", "")
                .containsEntry("requests.per.10.seconds", 100).containsEntry("timeout.millis", 5000);
        assertThat(HubSpotIntegration.FACTORY_PID).isEqualTo("org.integrationhub.connector.hubspot");
        assertThat(HubSpotIntegration.TYPE).isEqualTo("hubspot");
    }

    @Test
    void theQuotaIsHubSpotsTenSecondWindowAsConfigured() {
        try (FakeIntegrationContext context = new FakeIntegrationContext()) {
            TestConfig config = new TestConfig("http://127.0.0.1:9");
            assertThat(new HubSpotIntegration(context, config).descriptor().quota())
                    .isEqualTo(VendorQuota.per(100, Duration.ofSeconds(10)));
            config.perTenSeconds = 190;
            assertThat(new HubSpotIntegration(context, config).descriptor().quota())
                    .isEqualTo(VendorQuota.per(190, Duration.ofSeconds(10)));
            assertThat(new HubSpotIntegration(context, config).descriptor().secretProperties())
                    .isEqualTo(Set.of(".access.token", ".client.secret"));
        }
    }

    @Test
    void aMissingTokenOrBadUrlIsUnconfiguredAndNamed() {
        try (FakeIntegrationContext context = new FakeIntegrationContext()) {
            TestConfig config = new TestConfig("http://127.0.0.1:9");
            config.token = "env:HUBSPOT_TOKEN"; // the variable is not set
            HubSpotIntegration integration = new HubSpotIntegration(context, config);
            assertThat(integration.checkHealth().status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
            assertThat(context.lastReport("hubspot-crm").detail()).isEqualTo(".access.token is not set");
            IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> integration.execute(
                    new ActionRequest("enrich_customer", Map.of("email", "ann@example.com"), null)));
            assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);

            config = new TestConfig("api.hubapi.com");
            assertThat(new HubSpotIntegration(context, config).checkHealth().detail())
                    .isEqualTo("api.url must be an absolute http(s) URL");
        }
    }

    @Test
    void tokenFromTheEnvironment() {
        try (FakeIntegrationContext context = new FakeIntegrationContext().withEnvironment("HUBSPOT_TOKEN",
                "pat-na1-from-env")) {
            TestConfig config = new TestConfig("http://127.0.0.1:9");
            config.token = "env:HUBSPOT_TOKEN";
            assertThat(new HubSpotIntegration(context, config).checkHealth().status())
                    .as("configured; the remote is just unreachable").isEqualTo(IntegrationStatus.OFFLINE);
        }
    }
}
