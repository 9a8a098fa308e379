package org.integrationhub.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import org.integrationhub.security.ApiKeyInfo;
import org.integrationhub.security.Scopes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API keys page over HTTP: rows, escaping, create (the key once, on a no-store answer; errors on the form,
 * prefilled), revoke with and without a valid CSRF token.
 */
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
    void listsKeysEscapedWithTheCreateFormAndNoRevokeForRevokedKeys() throws Exception {
        HttpResponse<String> page = console.get("hub-apikeys");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("01KEY", "hub_AbC123", "tickets:read", "2026-01-02T03:04:05Z", "default")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
                .contains("old &quot;key&quot;", "unlimited", "revoked 2026-01-02T03:04:05Z")
                .contains("Create an API key", "name=\"action\" value=\"create\"")
                .doesNotContain("hub:apikey-create", "use the shell");
        for (String scope : Scopes.ALL) {
            assertThat(page.body()).as("a checkbox per known scope").contains("type=\"checkbox\" id=\"hub-field-scope-"
                    + scope.replace(':', '_') + "\" name=\"scope\" value=\"" + scope + "\"");
        }
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
        assertThat(page.body()).contains("is not installed or not running").doesNotContain("Create key");
    }

    @Test
    void staticFilesComeFromResOnly() {
        assertThat(plugin.getResource("/hub-apikeys/res/hub.css")).isNotNull();
        assertThat(plugin.getResource("/hub-apikeys/res/../OSGI-INF/l10n/bundle.properties")).isNull();
        assertThat(plugin.getResource("/other/res/hub.css")).isNull();
    }

    @Test
    void createShowsTheKeyOnceOnANoStoreAnswerAndTheListNeverShowsIt() throws Exception {
        String token = FakeConsole.token(console.get("hub-apikeys").body());
        assertThat(console.postForm("hub-apikeys", "action=create&name=ci+bot&scope=tickets%3Aread&scope=admin"
                + "&rateLimit=120", null).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(keys.keys).hasSize(2);

        HttpResponse<String> answer = console.postForm("hub-apikeys", "action=create&name=ci+bot&scope=tickets%3Aread"
                + "&scope=admin&rateLimit=120&hub_csrf=" + Urls.encode(token), null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(answer.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(answer.body()).startsWith("<!DOCTYPE html>").contains("API key ci bot (01NEW2) created")
                .contains("id=\"hub-new-key\"", "value=\"hub_NEWSECRETKEY3&lt;&amp;&gt;\"", "shown on this page only")
                .contains("admin tickets:read", "120/min", "hub-apikeys/res/hub.css").doesNotContain("<&>");
        ApiKeyInfo made = keys.keys.get(2);
        assertThat(made.name()).isEqualTo("ci bot");
        assertThat(made.scopes()).containsExactlyInAnyOrder("tickets:read", "admin");
        assertThat(made.rateLimit()).isEqualTo(120);
        assertThat(console.get("hub-apikeys").body()).contains("01NEW2", "ci bot").doesNotContain("NEWSECRETKEY");

        console.postForm("hub-apikeys", "action=create&name=free&scope=tickets%3Aread&rateLimit=unlimited&hub_csrf="
                + Urls.encode(token), null);
        assertThat(keys.keys.get(3).rateLimit()).isZero();
    }

    @Test
    void anInvalidCreateRedirectsToTheFormPrefilledWithTheErrorAndCreatesNothing() throws Exception {
        String token = FakeConsole.token(console.get("hub-apikeys").body());

        HttpResponse<String> bad = console.postForm("hub-apikeys", "action=create&name=%3Cb%3Ex&scope=tickets%3Aread"
                + "&rateLimit=lots&hub_csrf=" + Urls.encode(token), null);

        assertThat(bad.statusCode()).isEqualTo(303);
        String form = console.follow(bad).body();
        assertThat(form).contains("Not saved: rateLimit: must be a number of requests per minute")
                .contains("value=\"&lt;b&gt;x\"", "value=\"lots\"")
                .contains("name=\"scope\" value=\"tickets:read\" checked").doesNotContain("<b>x")
                .doesNotContain("The action failed");
        HttpResponse<String> noScope = console.postForm("hub-apikeys", "action=create&name=x&hub_csrf="
                + Urls.encode(token), null);
        assertThat(console.follow(noScope).body()).contains("Not saved: scopes: at least one scope is required");
        HttpResponse<String> unknownScope = console.postForm("hub-apikeys", "action=create&name=x&scope=root"
                + "&hub_csrf=" + Urls.encode(token), null);
        assertThat(console.follow(unknownScope).body()).contains("unknown scope &#39;root&#39;");
        assertThat(keys.keys).hasSize(2);
    }

    @Test
    void rateLimitsParseAsTheShellDoes() {
        assertThat(ApiKeysPlugin.parseRateLimit(" ")).isNull();
        assertThat(ApiKeysPlugin.parseRateLimit("Unlimited")).isZero();
        assertThat(ApiKeysPlugin.parseRateLimit("0")).isZero();
        assertThat(ApiKeysPlugin.parseRateLimit(" 60 ")).isEqualTo(60);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiKeysPlugin.parseRateLimit("-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rateLimit");
    }
}
