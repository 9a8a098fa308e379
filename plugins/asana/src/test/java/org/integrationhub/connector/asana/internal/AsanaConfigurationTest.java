package org.integrationhub.connector.asana.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.spi.VendorQuota;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeLinkStore;
import org.junit.jupiter.api.Test;

/** Pins the configuration keys and defaults operators write in etc/ (CONTRACT: connector instances). */
class AsanaConfigurationTest {

    @Test
    void keysAndDefaults() throws Exception {
        Map<String, Object> defaults = new TreeMap<>();
        for (Method m : AsanaConfiguration.class.getDeclaredMethods()) {
            String key = m.getName().replace("_", ".");
            Object value = m.getDefaultValue();
            defaults.put(key, value instanceof String[] a ? String.join(",", a) : value);
        }
        assertThat(defaults).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("integration.name", "asana"), Map.entry("integration.events", "*"),
                Map.entry("integration.min.priority", ""), Map.entry(".access.token", ""),
                Map.entry("workspace", ""), Map.entry("project", ""),
                Map.entry("api.url", "https://app.asana.com/api/1.0"), Map.entry("requests.per.minute", 150),
                Map.entry("timeout.millis", 8000),
                Map.entry("webconsole.configurationFactory.nameHint", "Asana {integration.name} → project {project}")));
        assertThat(AsanaIntegration.FACTORY_PID).isEqualTo("org.integrationhub.connector.asana");
        assertThat(AsanaIntegration.TYPE).isEqualTo("asana");
    }

    @Test
    void quotaTokenKeyAndMissingSettings() {
        try (FakeIntegrationContext context = new FakeIntegrationContext()) {
            TestConfig config = new TestConfig("http://127.0.0.1:9/api/1.0");
            AsanaIntegration ok = new AsanaIntegration(context, new FakeLinkStore(), config);
            assertThat(ok.descriptor().quota()).isEqualTo(VendorQuota.per(150, Duration.ofMinutes(1)));
            assertThat(ok.descriptor().secretProperties()).containsExactly(".access.token");
            assertThat(ok.descriptor().type()).isEqualTo("asana");

            config.token = "env:ASANA_TOKEN_NOT_SET";
            AsanaIntegration noToken = new AsanaIntegration(context, new FakeLinkStore(), config);
            assertThat(noToken.checkHealth().status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
            assertThat(context.lastReport(config.name).detail()).isEqualTo(".access.token is not set");
            assertThat(noToken.handle(FakeAsana.delivery("x-secret")).status()).isEqualTo(401);

            context.withEnvironment("ASANA_TOKEN", "from-the-environment");
            config.token = "env:ASANA_TOKEN";
            config.project = " ";
            assertThat(new AsanaIntegration(context, new FakeLinkStore(), config).checkHealth().detail())
                    .isEqualTo("project is not set");
        }
    }
}
