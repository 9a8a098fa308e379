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

/** The integrations, webhooks and OAuth clients pages over HTTP with fake services: rows, escaping, actions. */
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
                .contains("all events (priority high and above)", "<td>receives no events</td>");

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
                .contains("KID1", "RS256", "active (signs new tokens)", "Rotate signing key", "hub:oauth-client-create");
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
}
