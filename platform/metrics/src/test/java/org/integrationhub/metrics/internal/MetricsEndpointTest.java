package org.integrationhub.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.integrationhub.security.HubPrincipal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /metrics over real HTTP (Jetty, as pax-web serves it): authentication, scope, problems, the request counter. */
class MetricsEndpointTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;
    private String base;
    private MetricsServlet servlet;

    static MetricsServlet.Config config(boolean anonymous, int cacheSeconds) {
        return new MetricsServlet.Config() {
            @Override
            public boolean anonymous() {
                return anonymous;
            }

            @Override
            public int cacheSeconds() {
                return cacheSeconds;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return MetricsServlet.Config.class;
            }
        };
    }

    static MetricsRegistry registry() {
        MetricsRegistry registry = new MetricsRegistry(Fixtures::ticketStats, 0,
                Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
        registry.setDeliveries(new Fixtures.Deliveries());
        registry.setGateway(new Fixtures.Gateway());
        return registry;
    }

    private void start(boolean anonymous) throws Exception {
        MetricsRegistry registry = registry();
        servlet = new MetricsServlet(registry, new Fixtures.ApiKeys(), config(anonymous, 0));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), "/metrics");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                resp.setStatus(Integer.parseInt(req.getParameter("status")));
            }
        }), "/api/*");
        context.addFilter(new FilterHolder(new RequestMetricsFilter(registry)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutACredentialItIs401WithAChallengeAsProblemJson() throws Exception {
        start(false);
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"integration-hub\"");
        assertThat(r.body()).contains("\"status\":401").contains("\"title\":\"Unauthorized\"")
                .doesNotContain("hub_");

        HttpResponse<String> bad = get("/metrics", "Authorization", "Bearer nope");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"integration-hub\", error=\"invalid_token\"");
        assertThat(get("/metrics", "X-API-Key", "reader", "Authorization", "Bearer reader").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aKeyWithoutMetricsReadIs403() throws Exception {
        start(false);
        HttpResponse<String> r = get("/metrics", "X-API-Key", "tickets");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope")
                .contains("scope=\"metrics:read\"");
        assertThat(r.body()).contains("\"status\":403").contains("metrics:read");
    }

    @Test
    void aKeyWithMetricsReadGetsTheTextExposition() throws Exception {
        start(false);
        HttpResponse<String> r = get("/metrics", "X-API-Key", "reader");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(r.body()).contains("hub_tickets_open 7.0").contains("# TYPE hub_delivery_outcomes_total counter")
                .contains("jvm_memory_used_bytes").contains("process_cpu_seconds_total");
        // Bearer works too, and an admin key implies the scope
        assertThat(get("/metrics", "Authorization", "Bearer reader").statusCode()).isEqualTo(200);
    }

    @Test
    void anOAuthTokenFromARegisteredAuthenticatorIsAccepted() throws Exception {
        start(false);
        servlet.addAuthenticator(t -> t.equals("jwt") ? Optional.of(new HubPrincipal("client", "c",
                HubPrincipal.Kind.OAUTH_CLIENT, java.util.Set.of("admin"), null)) : Optional.empty(),
                Map.of("service.id", 7L));
        assertThat(get("/metrics", "Authorization", "Bearer jwt").statusCode()).isEqualTo(200);
        servlet.removeAuthenticator(null, Map.of("service.id", 7L));
        assertThat(get("/metrics", "Authorization", "Bearer jwt").statusCode()).isEqualTo(401);
    }

    @Test
    void anonymousScrapesWhenConfiguredAndOnlyGet() throws Exception {
        start(true);
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theFilterCountsRequestsByStatusClass() throws Exception {
        start(true);
        get("/api/x?status=201");
        get("/api/x?status=204");
        get("/api/x?status=404");
        get("/api/x?status=503");
        String body = get("/metrics").body();
        assertThat(body).contains("hub_http_requests_total{status=\"2xx\"} 2.0")
                .contains("hub_http_requests_total{status=\"4xx\"} 1.0")
                .contains("hub_http_requests_total{status=\"5xx\"} 1.0")
                .contains("hub_http_request_duration_seconds_count 4");
        // the scrape itself is counted once it is answered
        assertThat(get("/metrics").body()).contains("hub_http_requests_total{status=\"2xx\"} 3.0");
    }
}
