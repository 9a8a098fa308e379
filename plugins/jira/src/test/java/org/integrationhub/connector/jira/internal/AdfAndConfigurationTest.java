package org.integrationhub.connector.jira.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

import org.integrationhub.connector.jira.internal.client.Adf;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The ADF builder and reader, and the configuration keys and defaults operators write in etc/. */
class AdfAndConfigurationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void plainTextBecomesParagraphsWithHardBreaksAndReadsBack() throws Exception {
        String text = "First line\nsecond line\n\n\nNext paragraph";
        assertThat(Adf.document(text).toString()).isEqualTo("{\"type\":\"doc\",\"version\":1,\"content\":["
                + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"First line\"},"
                + "{\"type\":\"hardBreak\"},{\"type\":\"text\",\"text\":\"second line\"}]},"
                + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Next paragraph\"}]}]}");
        assertThat(Adf.toText(Adf.document(text))).isEqualTo("First line\nsecond line\n\nNext paragraph");
        assertThat(Adf.document("").path("content")).isEmpty();
    }

    @Test
    void richJiraCommentsReadAsText() throws Exception {
        String adf = "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":["
                + "{\"type\":\"mention\",\"attrs\":{\"id\":\"5b10\",\"text\":\"@Bob\"}},{\"type\":\"text\",\"text\":"
                + "\" see \"},{\"type\":\"inlineCard\",\"attrs\":{\"url\":\"https://x.example/1\"}}]},"
                + "{\"type\":\"bulletList\",\"content\":[{\"type\":\"listItem\",\"content\":[{\"type\":\"paragraph\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"one\"}]}]},{\"type\":\"listItem\",\"content\":[{\"type\":"
                + "\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"two\"}]}]}]}]}";
        assertThat(Adf.toText(json.readTree(adf))).isEqualTo("@Bob see https://x.example/1\n\n- one\n- two");
        assertThat(Adf.toText(json.readTree("\"wiki *text*\""))).isEqualTo("wiki *text*");
        assertThat(Adf.toText(null)).isEmpty();
    }

    @Test
    void configurationKeysAndDefaultsAreTheContractsOnes() {
        Map<String, Object> defaults = new TreeMap<>();
        for (Method m : JiraConfiguration.class.getDeclaredMethods()) {
            defaults.put(m.getName().replace('_', '.'), m.getDefaultValue());
        }
        assertThat(defaults.keySet()).containsExactlyInAnyOrder("integration.name", "integration.events",
                "integration.min.priority", "api.url", "email", ".api.token", "project.key", "issue.type", "labels",
                ".webhook.secret", "comments.internal", "rate.per.second", "timeout.millis",
                "create.search.wait.seconds", "webconsole.configurationFactory.nameHint");
        assertThat(defaults.get("issue.type")).isEqualTo("Task");
        assertThat((String[]) defaults.get("labels")).containsExactly("helpdesk");
        assertThat((String[]) defaults.get("integration.events")).containsExactly("*");
        assertThat(defaults.get("rate.per.second")).isEqualTo(10);
        assertThat(defaults.get("comments.internal")).isEqualTo(false);
        assertThat(JiraIntegration.FACTORY_PID).isEqualTo("org.integrationhub.connector.jira");
    }
}
