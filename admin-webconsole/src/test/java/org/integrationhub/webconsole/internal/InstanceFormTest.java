package org.integrationhub.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.gateway.IntegrationStats;
import org.integrationhub.spi.IntegrationStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Integrations page's metatype forms over HTTP: add, edit (secrets kept when left empty), remove, errors, CSRF. */
class InstanceFormTest {

    private static final String SECRET = "xoxb-never-on-a-page";

    private final Fakes.Gateway gateway = new Fakes.Gateway();
    private final FakeConfigurations configurations = new FakeConfigurations();
    private final IntegrationsPlugin page = new IntegrationsPlugin();
    private FakeConsole console;

    @BeforeEach
    void start() throws Exception {
        gateway.instances.add(new IntegrationInfo("ops", "http-notify", "0.1.0", "example", IntegrationStatus.ONLINE,
                "ok", List.of(), new IntegrationStats(0, 0, Map.of(), Map.of(), 0, 0, 0, 0, "CLOSED"), List.of("*"), null));
        page.gateway = gateway;
        page.deliveries = new Fakes.Deliveries();
        page.configurations = configurations;
        console = new FakeConsole(Map.of(IntegrationsPlugin.LABEL, page));
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    @Test
    void aTypesFormCreatesAnInstance() throws Exception {
        String overview = console.get("hub-integrations").body();
        assertThat(overview).contains("Add an integration", "<option value=\"http-notify\">http-notify \u2014 Integration Hub connector: http-notify</option>")
                .contains(">Edit</a>", "Remove").doesNotContain("name=\"cfg.url\"");

        String form = console.get("hub-integrations?type=http-notify").body();
        assertThat(form).contains("Posts &lt;events&gt; as JSON", "name=\"action\" value=\"create\"",
                "name=\"type\" value=\"http-notify\"", "Endpoint URL (url) *",
                "name=\"cfg.integration.events\" type=\"text\" size=\"50\" value=\"*\"",
                "name=\"cfg..token\" type=\"password\" size=\"50\" value=\"\" autocomplete=\"new-password\"",
                "<select id=\"hub-field-cfg_verbose\" name=\"cfg.verbose\">", "Several values comma-separated.")
                .doesNotContain("name=\"cfg.integration.name\"");

        HttpResponse<String> created = console.post("hub-integrations", Map.of("action", "create", "type", "http-notify",
                "name", "new-one", "cfg.url", "http://127.0.0.1:9/x", "cfg..token", SECRET, "cfg.integration.events",
                "ticket.created", "cfg.verbose", "", "hub_csrf", FakeConsole.token(form)), null);
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(configurations.posted.get(0)).containsEntry("url", "http://127.0.0.1:9/x")
                .containsEntry(".token", SECRET).containsEntry("integration.events", "ticket.created")
                .containsEntry("verbose", "").doesNotContainKey("name");
        assertThat(console.follow(created).body()).contains("Integration new-one (http-notify) created")
                .doesNotContain(SECRET);
    }

    @Test
    void aRefusedFormShowsEveryErrorAndTheFormAgain() throws Exception {
        String form = console.get("hub-integrations?type=http-notify").body();
        HttpResponse<String> refused = console.post("hub-integrations", Map.of("action", "create", "type", "http-notify",
                "name", "bad", "cfg.url", " ", "hub_csrf", FakeConsole.token(form)), null);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).contains("type=http-notify");
        assertThat(console.follow(refused).body()).contains("The action failed: url: is required; verbose: must be true or false",
                "name=\"action\" value=\"create\"");
        assertThat(configurations.stored).isEmpty();
    }

    @Test
    void editingShowsValuesButNeverASecretAndKeepsItWhenLeftEmpty() throws Exception {
        configurations.create("http-notify", "ops", Map.of("url", "http://a", ".token", SECRET));
        String form = console.get("hub-integrations?edit=ops").body();
        assertThat(form).contains("Edit integration ops", "name=\"action\" value=\"update\"", "value=\"http://a\"",
                "placeholder=\"(set; unchanged if left empty)\"", "Secret: left empty, the stored value stays.")
                .doesNotContain(SECRET);

        HttpResponse<String> saved = console.post("hub-integrations", Map.of("action", "update", "name", "ops",
                "cfg.url", "http://b", "cfg..token", "", "hub_csrf", FakeConsole.token(form)), null);
        assertThat(console.follow(saved).body()).contains("Integration ops (http-notify) saved");
        assertThat(configurations.stored.get("ops")).containsEntry("url", "http://b").containsEntry(".token", SECRET);
        assertThat(console.get("hub-integrations?edit=nope").body()).contains("No integration named nope is configured.");
    }

    @Test
    void removingNeedsTheTokenAndDeletesTheInstance() throws Exception {
        configurations.create("http-notify", "ops", Map.of("url", "http://a"));
        assertThat(console.post("hub-integrations", Map.of("action", "remove", "name", "ops"), null).statusCode())
                .isEqualTo(403);
        assertThat(configurations.stored).containsKey("ops");
        String html = console.get("hub-integrations").body();
        HttpResponse<String> removed = console.post("hub-integrations", Map.of("action", "remove", "name", "ops",
                "hub_csrf", FakeConsole.token(html)), null);
        assertThat(console.follow(removed).body()).contains("Integration ops removed.");
        assertThat(configurations.stored).isEmpty();
    }
}
