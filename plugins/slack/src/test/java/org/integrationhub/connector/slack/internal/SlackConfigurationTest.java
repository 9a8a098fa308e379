package org.integrationhub.connector.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Pins the configuration keys (DS name mapping: _ → .) and defaults operators put in etc/*.cfg. */
class SlackConfigurationTest {

    @Test
    void keysAndDefaults() {
        Map<String, Object> defaults = new TreeMap<>();
        for (Method m : SlackConfiguration.class.getDeclaredMethods()) {
            Object d = m.getDefaultValue();
            defaults.put(m.getName().replace("_", "."), d instanceof String[] a ? String.join(",", a) : d);
        }
        assertThat(defaults).containsEntry("integration.name", "slack").containsEntry("integration.events", "*")
                .containsEntry(".bot.token", "").containsEntry(".signing.secret", "")
                .containsEntry("default.channel", "#support").containsEntry("routing.rules", "")
                .containsEntry("slack.api.url", "https://slack.com/api/").containsEntry("timeout.millis", 5000)
                .containsEntry("inline.reply.millis", 2000);
        assertThat(defaults).as("the View Ticket link is the hub-wide ticketUrlTemplate now")
                .doesNotContainKeys("hub.base.url", "ticket.path");
        assertThat(SlackIntegration.FACTORY_PID).isEqualTo("org.integrationhub.connector.slack");
    }
}
