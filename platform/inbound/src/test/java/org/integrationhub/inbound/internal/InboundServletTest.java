package org.integrationhub.inbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.InboundHandler;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationInterface;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/** The inbound servlet in a real Jetty on loopback, with connector instances that check a shared secret. */
class InboundServletTest {

    /** A connector instance that answers requests carrying its secret and refuses (401) all others. */
    static final class Receiver implements IntegrationInterface, InboundHandler {
        final String name;
        final String secret;
        final List<InboundRequest> received = new CopyOnWriteArrayList<>();

        Receiver(String name, String secret) {
            this.name = name;
            this.secret = secret;
        }

        @Override
        public IntegrationDescriptor descriptor() {
            return new IntegrationDescriptor(name, "chat", "1.0.0", List.of());
        }

        @Override
        public ActionResult execute(ActionRequest request) {
            return new ActionResult(Map.of());
        }

        @Override
        public HealthResult checkHealth() {
            return HealthResult.online("");
        }

        @Override
        public Set<String> inboundPaths() {
            return Set.of("commands", "boom");
        }

        @Override
        public InboundResponse handle(InboundRequest request) {
            if (!secret.equals(request.header("x-secret"))) {
                return InboundResponse.unauthorized("not signed for " + name);
            }
            if (request.path().equals("boom")) {
                throw new IllegalStateException("connector bug");
            }
            received.add(request);
            return new InboundResponse(200, "text/plain", (name + ":" + request.bodyAsString() + ":"
                    + request.query()).getBytes(StandardCharsets.UTF_8), Map.of("X-Handled-By", name));
        }
    }

    private Server jetty;
    private InboundServlet servlet;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        servlet = new InboundServlet(new InboundServlet.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return InboundServlet.Config.class;
            }

            @Override
            public int maxRequestBytes() {
                return 1024;
            }
        });
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), "/integrations/*");
        jetty.setHandler(context);
        jetty.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/integrations/");
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    private void register(IntegrationInterface i, long id, int ranking) {
        servlet.addIntegration(i, Map.of(Constants.SERVICE_ID, id, Constants.SERVICE_RANKING, ranking));
    }

    private HttpResponse<String> post(String path, String secret, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers
                .ofString(body)).header("Content-Type", "application/x-www-form-urlencoded");
        if (secret != null) {
            b.header("X-Secret", secret);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theInstanceTheRequestIsSignedForAnswers() throws Exception {
        Receiver a = new Receiver("chat-a", "sa");
        Receiver b = new Receiver("chat-b", "sb");
        register(a, 1, 0);
        register(b, 2, 0);

        HttpResponse<String> r = post("chat/commands?x=1", "sb", "text=hi");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("chat-b:text=hi:x=1");
        assertThat(r.headers().firstValue("X-Handled-By")).contains("chat-b");
        assertThat(a.received).isEmpty();
        assertThat(b.received.get(0).header("CONTENT-TYPE")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(b.received.get(0).method()).isEqualTo("POST");
    }

    @Test
    void higherRankingIsAskedFirst() throws Exception {
        register(new Receiver("chat-low", "same"), 1, 0);
        register(new Receiver("chat-high", "same"), 2, 10);
        assertThat(post("chat/commands", "same", "").body()).startsWith("chat-high:");
    }

    @Test
    void aRequestNoInstanceAcceptsIs401ProblemJson() throws Exception {
        register(new Receiver("chat-a", "sa"), 1, 0);
        register(new Receiver("chat-b", "sb"), 2, 0);
        HttpResponse<String> r = post("chat/commands", "forged", "text=hi");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"status\":401");
    }

    @Test
    void unknownTypesAndPathsAre404() throws Exception {
        register(new Receiver("chat-a", "sa"), 1, 0);
        for (String path : List.of("teams/commands", "chat/events", "chat", "chat/", "")) {
            HttpResponse<String> r = post(path, "sa", "");
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
    }

    @Test
    void aTypeWhoseInstancesLeftIs503WithRetryAfter() throws Exception {
        Receiver a = new Receiver("chat-a", "sa");
        register(a, 1, 0);
        servlet.removeIntegration(a, Map.of(Constants.SERVICE_ID, 1L));
        HttpResponse<String> r = post("chat/commands", "sa", "");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
        assertThat(r.body()).contains("no chat connector instance is running");
    }

    @Test
    void bodiesOverTheLimitAre413DeclaredOrChunked() throws Exception {
        Receiver a = new Receiver("chat-a", "sa");
        register(a, 1, 0);
        assertThat(post("chat/commands", "sa", "x".repeat(1024)).statusCode()).isEqualTo(200);
        HttpResponse<String> declared = post("chat/commands", "sa", "x".repeat(1025));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("limited to 1024 bytes");
        HttpRequest chunked = HttpRequest.newBuilder(base.resolve("chat/commands")).header("X-Secret", "sa")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        new byte[4096]))).build();
        assertThat(http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        assertThat(a.received).hasSize(1);
    }

    @Test
    void aFailingHandlerIs500ProblemJsonWithoutInternals() throws Exception {
        register(new Receiver("chat-a", "sa"), 1, 0);
        HttpResponse<String> r = post("chat/boom", "sa", "");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("connector bug").contains("the connector failed");
    }

    @Test
    void integrationsWithoutInboundHandlerAreIgnored() throws Exception {
        IntegrationInterface plain = new IntegrationInterface() {
            @Override
            public IntegrationDescriptor descriptor() {
                return new IntegrationDescriptor("plain", "plain", "1", List.of());
            }

            @Override
            public ActionResult execute(ActionRequest request) {
                return new ActionResult(Map.of());
            }

            @Override
            public HealthResult checkHealth() {
                return HealthResult.online("");
            }
        };
        register(plain, 1, 0);
        assertThat(post("plain/commands", null, "").statusCode()).isEqualTo(404);
    }
}
