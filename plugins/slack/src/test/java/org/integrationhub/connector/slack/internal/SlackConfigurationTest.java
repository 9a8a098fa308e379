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
                .containsEntry("api.url", "https://slack.com/api/").containsEntry("slack.api.url", "").containsEntry("timeout.millis", 5000)
                .containsEntry("inline.reply.millis", 2000);
        assertThat(defaults).as("the View Ticket link is the hub-wide ticketUrlTemplate now")
                .doesNotContainKeys("hub.base.url", "ticket.path");
        assertThat(SlackIntegration.FACTORY_PID).isEqualTo("org.integrationhub.connector.slack");
    }

    @Test
    void apiUrlIsTheCommonKeyAndTheFormerKeyStillWorks() {
        assertThat(SlackIntegration.apiUrl(config("http://127.0.0.1:9/api/", ""))).isEqualTo("http://127.0.0.1:9/api/");
        assertThat(SlackIntegration.apiUrl(config("https://slack.com/api/", "http://127.0.0.1:8/api/")))
                .as("an old configuration with only slack.api.url").isEqualTo("http://127.0.0.1:8/api/");
        assertThat(SlackIntegration.apiUrl(config("http://127.0.0.1:9/api/", "http://127.0.0.1:8/api/")))
                .as("api.url wins when both are set").isEqualTo("http://127.0.0.1:9/api/");
        assertThat(SlackIntegration.apiUrl(config("", ""))).isEqualTo("https://slack.com/api/");
    }

    private static SlackConfiguration config(String apiUrl, String slackApiUrl) {
        return (SlackConfiguration) java.lang.reflect.Proxy.newProxyInstance(SlackConfiguration.class.getClassLoader(),
                new Class<?>[] {SlackConfiguration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "api_url" -> apiUrl;
                    case "slack_api_url" -> slackApiUrl;
                    default -> method.getDefaultValue();
                });
    }
}
