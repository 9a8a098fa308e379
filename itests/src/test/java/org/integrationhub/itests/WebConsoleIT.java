package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Integration Hub pages of the Felix web console in the running distribution: logged in as the first-boot admin
 * (HTTP basic), each page answers 200 inside the console frame with its rows; revoking an API key on the page (POST
 * with the page's CSRF token) makes the REST API refuse that key; a POST without the token changes nothing.
 */
class WebConsoleIT {

    private static final Pattern TOKEN = Pattern.compile("name=\"hub_csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String base;
    private String basic;

    @Test
    void pagesRenderInTheConsoleAndRevokingAKeyStopsItOnTheApi() throws Exception {
        Path dir = Paths.get(System.getProperty("project.build.directory", "target"), "webconsole-it");
        HubProcess hub = HubProcess.unpack(Paths.get(System.getProperty("hub.distribution")), dir);
        Properties web = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("etc/org.ops4j.pax.web.cfg"))) {
            web.load(in);
        }
        base = "http://127.0.0.1:" + web.getProperty("org.osgi.service.http.port") + "/system/console/";
        try {
            hub.start();
            hub.http().awaitHealthy(Duration.ofSeconds(120));
            String key = hub.createKey("console-itest", "--scope", "tickets:read");
            String keys = hub.client("hub:apikey-list");
            Matcher idMatch = Pattern.compile("([0-9A-Z]{26})\\s.*console-itest").matcher(keys);
            assertThat(idMatch.find()).as(keys).isTrue();
            String keyId = idMatch.group(1);
            hub.client("hub:oauth-client-create console-app --grant client_credentials --scope tickets:read");
            String password = Files.readString(dir.resolve("etc/initial-admin-password")).trim();
            basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));

            assertThat(send(HttpRequest.newBuilder(URI.create(base + "hub-apikeys"))).statusCode())
                    .as("without credentials").isEqualTo(401);
            HttpResponse<String> apiKeys = get("hub-apikeys");
            assertThat(apiKeys.statusCode()).as(apiKeys.body()).isEqualTo(200);
            assertThat(apiKeys.body()).contains("Integration Hub", "API keys", keyId, "console-itest",
                    "Create an API key", "hub-apikeys/res/hub.css").doesNotContain(key);
            assertThat(get("hub-apikeys/res/hub.css").body()).contains(".hub-page");

            HttpResponse<String> integrations = get("hub-integrations");
            assertThat(integrations.statusCode()).isEqualTo(200);
            assertThat(integrations.body()).contains("Integrations", "Pending and failed event deliveries")
                    .doesNotContain("is not installed");
            HttpResponse<String> webhooks = get("hub-webhooks");
            assertThat(webhooks.statusCode()).isEqualTo(200);
            assertThat(webhooks.body()).contains("Webhooks", "hub-webhooks-table").doesNotContain("is not installed");
            HttpResponse<String> oauth = get("hub-oauth");
            assertThat(oauth.statusCode()).isEqualTo(200);
            assertThat(oauth.body()).contains("console-app", "client_credentials", "confidential",
                    "active (signs new tokens)", "RS256").doesNotContain("is not installed");

            assertThat(hub.http().get("/api/v1/tickets?limit=1", key).status).isEqualTo(200);
            assertThat(post("hub-apikeys", "action=revoke&id=" + keyId).statusCode()).as("no CSRF token").isEqualTo(403);
            assertThat(hub.http().get("/api/v1/tickets?limit=1", key).status).isEqualTo(200);

            String token = find(TOKEN, apiKeys.body());
            HttpResponse<String> revoked = post("hub-apikeys", "action=revoke&id=" + keyId + "&hub_csrf=" + enc(token));
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(303);
            String location = revoked.headers().firstValue("Location").orElseThrow();
            assertThat(get(location.substring(location.indexOf("hub-apikeys"))).body())
                    .contains("API key " + keyId + " revoked");
            assertThat(hub.http().get("/api/v1/tickets?limit=1", key).status).as("revoked key on REST").isEqualTo(401);
        } finally {
            hub.stop();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic));
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
