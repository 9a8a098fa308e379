package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OAuth2 authorization server in the running distribution: a client registered with hub:oauth-client-create
 * runs the authorization-code flow with PKCE through the real login page (Karaf's JAAS realm, the first-boot
 * admin) and consent page; its access token is accepted by the REST API until it is revoked.
 */
class OAuth2DistributionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void authorizationCodeFlowThroughLoginAndConsentPagesThenTheApi() throws Exception {
        Path dir = Paths.get(System.getProperty("project.build.directory", "target"), "oauth2-it");
        HubProcess hub = HubProcess.unpack(Paths.get(System.getProperty("hub.distribution")), dir);
        Properties web = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("etc/org.ops4j.pax.web.cfg"))) {
            web.load(in);
        }
        String base = "http://127.0.0.1:" + web.getProperty("org.osgi.service.http.port");
        Files.writeString(dir.resolve("etc/org.integrationhub.oauth2.cfg"), "issuer = " + base + "\n");
        try {
            hub.start();
            hub.http().awaitHealthy(Duration.ofSeconds(120));
            String out = hub.client("hub:oauth-client-create itest-app --grant authorization_code --grant refresh_token "
                    + "--redirect-uri http://127.0.0.1/cb --scope tickets:read --scope tickets:write");
            String clientId = find(out, "client_id:\\s+(\\S+)");
            String secret = find(out, "client_secret:\\s+(\\S+)");

            JsonNode metadata = JSON.readTree(get(URI.create(base + "/.well-known/oauth-authorization-server")).body());
            assertThat(metadata.path("issuer").asText()).isEqualTo(base);
            assertThat(metadata.path("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");

            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(32));
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            String redirect = "http://127.0.0.1:53682/cb";
            URI authorize = URI.create(metadata.path("authorization_endpoint").asText() + "?response_type=code&client_id="
                    + clientId + "&redirect_uri=" + enc(redirect) + "&scope=" + enc("tickets:read tickets:write")
                    + "&state=xyz&code_challenge=" + challenge + "&code_challenge_method=S256");
            HttpResponse<String> login = get(authorize);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.body()).contains("Sign in to Integration Hub", "itest-app");

            String password = Files.readString(dir.resolve("etc/initial-admin-password")).trim();
            HttpResponse<String> consent = submit(authorize, login, Map.of("username", "admin", "password", password));
            assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
            assertThat(consent.body()).contains("Allow access?", "tickets:write");
            HttpResponse<String> done = submit(authorize, consent, Map.of("decision", "allow"));
            assertThat(done.statusCode()).isEqualTo(303);
            String location = done.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith(redirect + "?").contains("state=xyz", "iss=" + enc(base));
            String code = find(location, "[?&]code=([^&]+)");

            HttpResponse<String> token = post(URI.create(metadata.path("token_endpoint").asText()),
                    "grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc(redirect) + "&code_verifier="
                            + verifier, clientId, secret);
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(token.headers().firstValue("Cache-Control")).hasValue("no-store");
            JsonNode tokens = JSON.readTree(token.body());
            String access = tokens.path("access_token").asText();
            assertThat(tokens.path("refresh_token").asText()).isNotEmpty();

            assertThat(api(base, access).statusCode()).isEqualTo(200);
            assertThat(api(base, "eyJ" + access.substring(3, access.length() - 2) + "xx").statusCode()).isEqualTo(401);

            HttpResponse<String> revoke = post(URI.create(metadata.path("revocation_endpoint").asText()),
                    "token=" + access, clientId, secret);
            assertThat(revoke.statusCode()).isEqualTo(200);
            HttpResponse<String> refused = api(base, access);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");

            HttpResponse<String> refreshed = post(URI.create(metadata.path("token_endpoint").asText()),
                    "grant_type=refresh_token&refresh_token=" + tokens.path("refresh_token").asText(), clientId, secret);
            String access2 = JSON.readTree(refreshed.body()).path("access_token").asText();
            assertThat(api(base, access2).statusCode()).isEqualTo(200);
            assertThat(hub.client("hub:oauth-client-revoke " + clientId)).contains("revoked");
            assertThat(api(base, access2).statusCode()).as("tokens of a revoked client").isEqualTo(401);
        } finally {
            hub.stop();
        }
    }

    private HttpResponse<String> api(String base, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tickets?limit=1"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> submit(URI authorize, HttpResponse<String> page, Map<String, String> fields) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            form.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&"));
        }
        form.putAll(fields);
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(enc(k)).append('=').append(enc(v)).append('&'));
        URI endpoint = URI.create(authorize.toString().replaceFirst("\\?.*", ""));
        return http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String body, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in: " + text);
        }
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
