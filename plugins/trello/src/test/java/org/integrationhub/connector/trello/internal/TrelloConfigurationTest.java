package org.integrationhub.connector.trello.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.testkit.FakeIntegrationContext;
import org.integrationhub.testkit.FakeLinkStore;
import org.junit.jupiter.api.Test;

/** Pins the configuration keys (CONTRACT: connector instances; DS maps _ to .) and what a bad configuration does. */
class TrelloConfigurationTest {

    @Test
    void keysAndDefaults() {
        Map<String, Object> defaults = new TreeMap<>();
        for (Method m : TrelloConfiguration.class.getDeclaredMethods()) {
            Object d = m.getDefaultValue();
            defaults.put(m.getName().replace("_", "."), d instanceof String[] a ? String.join(",", a) : d);
        }
        assertThat(defaults).containsEntry("integration.name", "trello").containsEntry("integration.events", "*")
                .containsEntry("integration.min.priority", "").containsEntry("api.url", "https://api.trello.com/1")
                .containsEntry("api.key", "").containsEntry(".api.token", "").containsEntry(".api.secret", "")
                .containsEntry("board", "").containsEntry("list.new", "").containsEntry("list.done", "")
                .containsEntry("timeout.millis", 5000);
        assertThat(TrelloIntegration.FACTORY_PID).isEqualTo("org.integrationhub.connector.trello");
        assertThat(TrelloIntegration.TYPE).isEqualTo("trello");
    }

    @Test
    void aMissingSettingIsUnconfiguredAndNamed() {
        try (FakeIntegrationContext context = new FakeIntegrationContext()) {
            TestConfig config = new TestConfig("http://127.0.0.1:9/1");
            config.token = "";
            config.listDone = " ";
            TrelloIntegration integration = new TrelloIntegration(context, new FakeLinkStore(), config);
            assertThat(integration.checkHealth().status()).isEqualTo(IntegrationStatus.UNCONFIGURED);
            assertThat(context.lastReport("trello-support").detail()).isEqualTo(".api.token, list.done are not set");

            config = new TestConfig("http://127.0.0.1:9/1");
            config.listDone = config.listNew;
            integration = new TrelloIntegration(context, new FakeLinkStore(), config);
            assertThat(integration.checkHealth().detail()).isEqualTo("list.new and list.done must be different lists");
        }
    }

    @Test
    void tokenFromTheEnvironment() {
        try (FakeIntegrationContext context = new FakeIntegrationContext().withEnvironment("TRELLO_TOKEN", "t0k3n-xyz")) {
            TestConfig config = new TestConfig("http://127.0.0.1:9/1");
            config.token = "env:TRELLO_TOKEN";
            TrelloIntegration integration = new TrelloIntegration(context, new FakeLinkStore(), config);
            assertThat(integration.checkHealth().status()).as("configured; the remote is just unreachable")
                    .isEqualTo(IntegrationStatus.OFFLINE);
        }
    }
}
