package org.integrationhub.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.gateway.IntegrationStats;
import org.integrationhub.oauth2.OAuthClientInfo;
import org.integrationhub.oauth2.SigningKeyInfo;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.IntegrationStatus;
import org.integrationhub.webhooks.WebhookEndpointInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The integrations, webhooks and OAuth clients pages over HTTP with fake services: rows, escaping, actions, the create
 * and rotate forms whose answers show a secret once.
 */
class PagesTest {

    private final Fakes.Gateway gateway = new Fakes.Gateway();
    private final Fakes.Deliveries deliveries = new Fakes.Deliveries();
    private final Fakes.Webhooks webhooks = new Fakes.Webhooks();
    private final Fakes.OAuth oauth = new Fakes.OAuth();
    private final IntegrationsPlugin integrationsPage = new IntegrationsPlugin();
    private final WebhooksPlugin webhooksPage = new WebhooksPlugin();
    private final OAuthClientsPlugin oauthPage = new OAuthClientsPlugin();
    private FakeConsole console;

    @BeforeEach
    void start() throws Exception {
        gateway.instances.add(new IntegrationInfo("slack-main", "slack", "0.1.0", "org.integrationhub.slack 0.1.0",
                IntegrationStatus.DEGRADED, "rate limited <until> 10:00", List.of(new ActionDescriptor("post_message",
                        "Posts", List.of("text"))), new IntegrationStats(12, 9, Map.of("communication", 2L,
                                "circuit_open", 1L), Map.of(), 4.5, 120.25, 0, 3, "CLOSED"), List.of("*"), "high"));
        gateway.instances.add(new IntegrationInfo("quiet", "http-notify", "0.1.0", "org.integrationhub.connector.example",
                IntegrationStatus.ONLINE, "ok", List.of(), new IntegrationStats(0, 0, Map.of(), Map.of(), 0, 0, 0, 0,
                        "CLOSED"), List.of(), null));
        deliveries.items.add(Fakes.Deliveries.delivery("D1", "integration", "slack-main", DeliveryStatus.FAILED,
                "HTTP 500 <boom>"));
        deliveries.items.add(Fakes.Deliveries.delivery("D2", "integration", "slack-main", DeliveryStatus.PENDING, null));
        webhooks.endpoints.add(new WebhookEndpointInfo("WH1", "https://desk.example.com/hook?a=1&b=<2>", "desk",
                Set.of("ticket.created", "ticket.updated"), false, null, Fakes.T0, null, Fakes.T0, Fakes.T0));
        deliveries.items.add(Fakes.Deliveries.delivery("D3", "webhook", "WH1", DeliveryStatus.FAILED, "timeout"));
        deliveries.attempts.put("D3", List.of(Fakes.Deliveries.attempt("D3", 1, 503, 1234, "Service Unavailable")));
        oauth.clients.add(new OAuthClientInfo("CL1", "Desk app", false, Set.of("client_credentials"), List.of(),
                Set.of("tickets:read"), Fakes.T0, null));
        oauth.clients.add(new OAuthClientInfo("CL2", "Native", true, Set.of("authorization_code"),
                List.of("http://127.0.0.1/cb"), Set.of("tickets:read"), Fakes.T0, Fakes.T0));
        oauth.keys.add(new SigningKeyInfo("KID1", "RS256", Fakes.T0, null, null));
        integrationsPage.gateway = gateway;
        integrationsPage.deliveries = deliveries;
        webhooksPage.webhooks = webhooks;
        webhooksPage.deliveries = deliveries;
        oauthPage.oauth = oauth;
        console = new FakeConsole(Map.of(IntegrationsPlugin.LABEL, integrationsPage, WebhooksPlugin.LABEL, webhooksPage,
                OAuthClientsPlugin.LABEL, oauthPage));
    }

    @AfterEach
    void stop() throws Exception {
        console.close();
    }

    @Test
    void integrationsShowStatusMetricsAndDeliveriesAndRunTests() throws Exception {
        String html = console.get("hub-integrations").body();
        assertThat(html).contains("slack-main", "0.1.0", "org.integrationhub.slack 0.1.0", "post_message")
                .contains("DEGRADED: rate limited &lt;until&gt; 10:00", "12 (9 ok)", "circuit_open=1 communication=2")
                .contains("p50 4.5 ms / p99 120.3 ms", "CLOSED", "Test connection")
                .contains("slack-main: 1 pending, 1 failed, 0 delivered", "HTTP 500 &lt;boom&gt;", "D1", "D2")
                .contains("all ticket events (priority high and above)", "<td>receives no events</td>");

        HttpResponse<String> tested = console.post("hub-integrations", Map.of("action", "test", "name", "slack-main",
                "hub_csrf", FakeConsole.token(html)), null);
        assertThat(gateway.tested).containsExactly("slack-main");
        assertThat(console.follow(tested).body()).contains("Connection test of slack-main: ONLINE auth.test ok");

        console.post("hub-integrations", Map.of("action", "retryFailed", "name", "slack-main", "hub_csrf",
                FakeConsole.token(html)), null);
        assertThat(deliveries.retried).containsExactly("integration/slack-main");
        HttpResponse<String> unknown = console.post("hub-integrations", Map.of("action", "test", "name", "nope",
                "hub_csrf", FakeConsole.token(html)), null);
        assertThat(console.follow(unknown).body()).contains("The action failed: no integration nope");
    }

    @Test
    void webhooksShowEndpointsDeliveriesAndAttemptsAndToggle() throws Exception {
        String html = console.get("hub-webhooks").body();
        assertThat(html).contains("WH1", "https://desk.example.com/hook?a=1&amp;b=&lt;2&gt;", "ticket.created ticket.updated",
                "enabled", "0 pending, 1 failed, 0 delivered", "Disable").doesNotContain("b=<2>");

        String detail = console.get("hub-webhooks?endpoint=WH1").body();
        assertThat(detail).contains("Recent deliveries of webhook WH1", "D3", "timeout", "attempt 1", "503",
                "Service Unavailable", "1234 ms", "Redeliver");
        assertThat(console.get("hub-webhooks?endpoint=%3Cx%3E").body()).contains("There is no webhook &lt;x&gt;");

        String token = FakeConsole.token(html);
        HttpResponse<String> redelivered = console.post("hub-webhooks", Map.of("action", "redeliver", "delivery", "D3",
                "subscriber", "WH1", "hub_csrf", token), null);
        assertThat(deliveries.redelivered).containsExactly("D3");
        assertThat(redelivered.headers().firstValue("Location").orElseThrow()).contains("endpoint=WH1");
        HttpResponse<String> foreign = console.post("hub-webhooks", Map.of("action", "redeliver", "delivery", "D1",
                "subscriber", "WH1", "hub_csrf", token), null);
        assertThat(console.follow(foreign).body()).contains("no delivery D1 of WH1");
        assertThat(deliveries.redelivered).containsExactly("D3");

        console.post("hub-webhooks", Map.of("action", "disable", "id", "WH1", "hub_csrf", token), null);
        assertThat(webhooks.get("WH1").orElseThrow().disabled()).isTrue();
        assertThat(console.get("hub-webhooks").body()).contains("disabled: disabled by an operator", "Enable");
    }

    @Test
    void oauthShowsClientsAndKeysAndRevokesAndRotates() throws Exception {
        String html = console.get("hub-oauth").body();
        assertThat(html).contains("CL1", "Desk app", "confidential", "client_credentials", "tickets:read")
                .contains("CL2", "public", "http://127.0.0.1/cb", "revoked 2026-01-02T03:04:05Z")
                .contains("KID1", "RS256", "active (signs new tokens)", "Rotate signing key", "Register an OAuth2 client")
                .doesNotContain("hub:oauth-client-create");
        assertThat(html.split("value=\"rotateSecret\"", -1)).as("only the active confidential client").hasSize(2);
        String token = FakeConsole.token(html);

        HttpResponse<String> revoked = console.post("hub-oauth", Map.of("action", "revoke", "id", "CL1",
                "hub_csrf", token), null);
        assertThat(oauth.clients.get(0).isRevoked()).isTrue();
        assertThat(console.follow(revoked).body()).contains("OAuth2 client CL1 revoked");

        HttpResponse<String> rotated = console.post("hub-oauth", Map.of("action", "rotateKey", "hub_csrf", token), null);
        assertThat(console.follow(rotated).body()).contains("New signing key KID2 is active", "previous, retired");
    }

    @Test
    void pagesWithoutTheirServicesSayNotInstalled() throws Exception {
        integrationsPage.gateway = null;
        webhooksPage.webhooks = null;
        oauthPage.oauth = null;
        assertThat(console.get("hub-integrations").body()).contains("connector gateway", "is not installed");
        assertThat(console.get("hub-webhooks").body()).contains("webhooks service", "is not installed");
        assertThat(console.get("hub-oauth").body()).contains("OAuth2 authorization server", "is not installed");
    }

    @Test
    void registeringAnOAuthClientShowsItsSecretOnceAndRotationGivesANewOne() throws Exception {
        String token = Urls.encode(FakeConsole.token(console.get("hub-oauth").body()));

        HttpResponse<String> answer = console.postForm("hub-oauth", "action=create&name=Desk+%3Capp%3E"
                + "&grant=client_credentials&scope=tickets%3Aread&scope=tickets%3Awrite&redirectUris=&hub_csrf=" + token,
                null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(answer.body()).contains("OAuth2 client Desk &lt;app&gt; (CL3) registered", "value=\"CL3\"",
                "id=\"hub-new-client-secret\"", "value=\"client-secret-3\"").doesNotContain("<app>");
        assertThat(oauth.clients.get(2).scopes()).containsExactlyInAnyOrder("tickets:read", "tickets:write");
        assertThat(oauth.clients.get(2).publicClient()).isFalse();
        assertThat(console.get("hub-oauth").body()).contains("CL3").doesNotContain("client-secret-3");

        HttpResponse<String> spa = console.postForm("hub-oauth", "action=create&name=SPA&grant=authorization_code"
                + "&grant=refresh_token&scope=tickets%3Aread&public=true&redirectUris="
                + Urls.encode("https://spa.example.com/cb\r\nhttp://127.0.0.1/cb") + "&hub_csrf=" + token, null);
        assertThat(spa.body()).contains("value=\"CL4\"", "has no secret").doesNotContain("hub-new-client-secret");
        assertThat(oauth.clients.get(3).publicClient()).isTrue();
        assertThat(oauth.clients.get(3).redirectUris()).containsExactly("https://spa.example.com/cb",
                "http://127.0.0.1/cb");

        HttpResponse<String> rotated = console.postForm("hub-oauth", "action=rotateSecret&id=CL1&hub_csrf=" + token,
                null);
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(rotated.body()).contains("OAuth2 client CL1 has a new secret", "value=\"rotated-secret-CL1\"");
        HttpResponse<String> refused = console.postForm("hub-oauth", "action=rotateSecret&id=CL2&hub_csrf=" + token,
                null);
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(console.follow(refused).body()).contains("no active confidential OAuth2 client with id CL2");
    }

    @Test
    void anInvalidClientShowsTheFormAgainWithTheFieldErrors() throws Exception {
        String token = Urls.encode(FakeConsole.token(console.get("hub-oauth").body()));
        HttpResponse<String> bad = console.postForm("hub-oauth", "action=create&name=&scope=tickets%3Aread&public=true"
                + "&redirectUris=" + Urls.encode("https://a.example/cb") + "&hub_csrf=" + token, null);
        assertThat(bad.statusCode()).isEqualTo(303);
        String form = console.follow(bad).body();
        assertThat(form).contains("Not saved: name: must be 1 to 100 characters; grant: at least one grant")
                .contains("https://a.example/cb</textarea>", "name=\"public\" type=\"checkbox\" value=\"true\" checked");
        assertThat(oauth.clients).hasSize(2);
    }

    @Test
    void registeringAWebhookShowsItsSecretOnceAndRotateAndReplayWork() throws Exception {
        String token = Urls.encode(FakeConsole.token(console.get("hub-webhooks").body()));

        HttpResponse<String> answer = console.postForm("hub-webhooks", "action=create&url="
                + Urls.encode("https://receiver.example.com/in?x=<1>") + "&event=ticket.created&event=comment.added"
                + "&description=support&hub_csrf=" + token, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(answer.body()).contains("Webhook WH2 (https://receiver.example.com/in?x=&lt;1&gt;) registered",
                "id=\"hub-new-webhook-secret\"", "value=\"whsec_created2\"", "hub-webhooks?endpoint=WH2");
        assertThat(webhooks.get("WH2").orElseThrow().events()).containsExactlyInAnyOrder("ticket.created",
                "comment.added");
        assertThat(console.get("hub-webhooks").body()).contains("WH2", "Rotate secret").doesNotContain("whsec_");

        HttpResponse<String> rotated = console.postForm("hub-webhooks", "action=rotateSecret&id=WH1&hub_csrf=" + token,
                null);
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(rotated.body()).contains("Webhook WH1 has a new signing secret", "value=\"whsec_rotated1\"",
                "keeps signing alongside until 2026-01-03T03:04:05Z");
        assertThat(webhooks.rotations).containsExactly("WH1");

        assertThat(console.get("hub-webhooks?endpoint=WH1").body()).contains("Replay events to webhook WH1",
                "name=\"since\"", "value=\"ticket.resolved\"");
        HttpResponse<String> replayed = console.postForm("hub-webhooks", "action=replay&id=WH1"
                + "&since=2026-01-01T00%3A00%3A00Z&until=2026-01-02T00%3A00&event=ticket.created&event=ticket.updated"
                + "&hub_csrf=" + token, null);
        assertThat(replayed.statusCode()).isEqualTo(303);
        assertThat(deliveries.replays).containsExactly("webhook/WH1 2026-01-01T00:00:00Z..2026-01-02T00:00:00Z "
                + "[TICKET_CREATED, TICKET_UPDATED]");
        assertThat(console.follow(replayed).body()).contains("Replay scheduled for webhook WH1: 4 deliveries",
                "Recent deliveries of webhook WH1");
    }

    @Test
    void invalidWebhookFormsShowTheirErrorsOnTheFormAndChangeNothing() throws Exception {
        String token = Urls.encode(FakeConsole.token(console.get("hub-webhooks").body()));
        HttpResponse<String> bad = console.postForm("hub-webhooks", "action=create&url=ftp%3A%2F%2Fx&event=ticket.created"
                + "&hub_csrf=" + token, null);
        String form = console.follow(bad).body();
        assertThat(form).contains("Not saved: url: must be an http(s) URL", "value=\"ftp://x\"",
                "value=\"ticket.created\" checked");
        assertThat(webhooks.endpoints).hasSize(1);

        HttpResponse<String> badReplay = console.postForm("hub-webhooks", "action=replay&id=WH1&since=yesterday"
                + "&hub_csrf=" + token, null);
        String replayForm = console.follow(badReplay).body();
        assertThat(replayForm).contains("Not saved: since: not an ISO-8601 time", "Replay events to webhook WH1",
                "value=\"yesterday\"");
        HttpResponse<String> backwards = console.postForm("hub-webhooks", "action=replay&id=WH1"
                + "&since=2026-01-02T00%3A00%3A00Z&until=2026-01-01T00%3A00%3A00Z&hub_csrf=" + token, null);
        assertThat(console.follow(backwards).body()).contains("until: must be after since");
        HttpResponse<String> unknownType = console.postForm("hub-webhooks", "action=replay&id=WH1"
                + "&since=2026-01-02T00%3A00%3A00Z&event=ticket.exploded&hub_csrf=" + token, null);
        assertThat(console.follow(unknownType).body()).contains("unknown event type &#39;ticket.exploded&#39;");
        assertThat(deliveries.replays).isEmpty();
        HttpResponse<String> missing = console.postForm("hub-webhooks", "action=rotateSecret&id=NOPE&hub_csrf=" + token,
                null);
        assertThat(missing.statusCode()).isEqualTo(303);
        assertThat(console.follow(missing).body()).contains("The action failed: no webhook NOPE");
    }
}
