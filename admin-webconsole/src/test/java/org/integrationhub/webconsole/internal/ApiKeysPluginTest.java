package org.integrationhub.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import org.integrationhub.security.ApiKeyInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API keys page over HTTP: rows, escaping, the shell hint, revoke with and without a valid CSRF token. */
class ApiKeysPluginTest {

    private final Fakes.Keys keys = new Fakes.Keys();
    private final ApiKeysPlugin plugin = new ApiKeysPlugin();
    private FakeConsole console;

    @BeforeEach
    void start() throws Exception {
        keys.keys.add(new ApiKeyInfo("01KEY", "<script>alert(1)</script>", "hub_AbC123", Set.of("tickets:read"), null,
                Fakes.T0, null, null));
        keys.keys.add(new ApiKeyInfo("01OLD", "old \"key\"", "hub_Old999", Set.of("admin"), 0, Fakes.T0, Fakes.T0,
                Fakes.T0));
        plugin.keys = keys;
        console = new FakeConsole(Map.of(ApiKeysPlugin.LABEL, plugin));
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    @Test
    void listsKeysEscapedWithTheShellHintAndNoRevokeForRevokedKeys() throws Exception {
        HttpResponse<String> page = console.get("hub-apikeys");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("01KEY", "hub_AbC123", "tickets:read", "2026-01-02T03:04:05Z", "default")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
                .contains("old &quot;key&quot;", "unlimited", "revoked 2026-01-02T03:04:05Z")
                .contains("hub:apikey-create NAME", "belongs in a terminal");
        assertThat(page.body().split("name=\"action\" value=\"revoke\"", -1)).hasSize(2);
    }

    @Test
    void revokeNeedsTheTokenAndShowsTheResult() throws Exception {
        String token = FakeConsole.token(console.get("hub-apikeys").body());

        assertThat(console.post("hub-apikeys", Map.of("action", "revoke", "id", "01KEY"), null).statusCode())
                .isEqualTo(403);
        assertThat(console.post("hub-apikeys", Map.of("action", "revoke", "id", "01KEY", "hub_csrf", token + "x"),
                null).statusCode()).isEqualTo(403);
        assertThat(console.post("hub-apikeys", Map.of("action", "revoke", "id", "01KEY", "hub_csrf", token),
                "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(keys.keys.get(0).isRevoked()).isFalse();

        HttpResponse<String> done = console.post("hub-apikeys", Map.of("action", "revoke", "id", "01KEY",
                "hub_csrf", token), null);

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(keys.keys.get(0).isRevoked()).isTrue();
        assertThat(console.follow(done).body()).contains("API key 01KEY revoked");
    }

    @Test
    void anUnknownKeyIsAClearErrorAndTheResultTextCannotBeInjected() throws Exception {
        String token = FakeConsole.token(console.get("hub-apikeys").body());
        HttpResponse<String> done = console.post("hub-apikeys", Map.of("action", "revoke", "id", "<b>nope</b>",
                "hub_csrf", token), null);
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(console.follow(done).body()).contains("The action failed: no valid API key with id &lt;b&gt;nope")
                .doesNotContain("<b>nope");
        assertThat(console.get("hub-apikeys?result=evil.key&subject=x").body()).doesNotContain("evil.key");
    }

    @Test
    void withoutTheServiceThePageSaysNotInstalled() throws Exception {
        plugin.keys = null;
        HttpResponse<String> page = console.get("hub-apikeys");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("is not installed or not running").contains("hub:apikey-create");
    }

    @Test
    void staticFilesComeFromResOnly() {
        assertThat(plugin.getResource("/hub-apikeys/res/hub.css")).isNotNull();
        assertThat(plugin.getResource("/hub-apikeys/res/../OSGI-INF/l10n/bundle.properties")).isNull();
        assertThat(plugin.getResource("/other/res/hub.css")).isNull();
    }
}
