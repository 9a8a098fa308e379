package org.integrationhub.connector.teams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Pins the configuration keys of CONTRACT.md (DS name mapping: _ → .) and the defaults operators rely on. */
class TeamsConfigurationTest {

    @Test
    void keysAndDefaults() {
        Map<String, Object> defaults = new TreeMap<>();
        for (Method m : TeamsConfiguration.class.getDeclaredMethods()) {
            Object d = m.getDefaultValue();
            defaults.put(m.getName().replace("_", "."), d instanceof String[] a ? String.join(",", a) : d);
        }
        defaults.remove("webconsole.configurationFactory.nameHint");
        assertThat(defaults).containsOnlyKeys("integration.name", "integration.events", "integration.min.priority",
                "mode", ".webhook.url", "app.id", ".app.secret", "tenant.id", "conversation.id", "service.url",
                "login.url", "openid.metadata.url", "timeout.millis");
        assertThat(defaults).containsEntry("integration.name", "teams").containsEntry("integration.events", "*")
                .containsEntry("integration.min.priority", "")
                .containsEntry("mode", "workflow").containsEntry(".webhook.url", "").containsEntry(".app.secret", "")
                .containsEntry("tenant.id", "botframework.com")
                .containsEntry("login.url", "https://login.microsoftonline.com")
                .containsEntry("openid.metadata.url",
                        "https://login.botframework.com/v1/.well-known/openidconfiguration")
                .containsEntry("service.url", "https://smba.trafficmanager.net/teams/")
                .containsEntry("timeout.millis", 5000);
        assertThat(TeamsIntegration.FACTORY_PID).isEqualTo("org.integrationhub.connector.teams");
        assertThat(TeamsIntegration.TYPE).isEqualTo("teams");
        assertThat(TeamsIntegration.MESSAGES).isEqualTo("messages");
    }
}
