package org.integrationhub.metrics.internal;

import java.io.IOException;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.integrationhub.security.ApiKeyService;
import org.integrationhub.rest.spi.Authenticators;
import org.integrationhub.rest.spi.TokenAuthenticator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the Prometheus text exposition (format 0.0.4) of the hub, on the HTTP whiteboard. A scrape
 * authenticates as a REST call does (an API key or OAuth2 access token with the scope {@code metrics:read}), unless
 * the configuration allows anonymous scrapes. Every error is problem+json.
 */
@Component(service = Servlet.class, configurationPid = MetricsServlet.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/metrics",
        "osgi.http.whiteboard.servlet.name=integration-hub-metrics"})
@Designate(ocd = MetricsServlet.Config.class)
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PID = "org.integrationhub.metrics";

    @ObjectClassDefinition(name = "Integration Hub Prometheus metrics",
            description = "GET /metrics: who may scrape, and how often the database figures are read.")
    public @interface Config {
        @AttributeDefinition(name = "Anonymous scrapes",
                description = "Serve GET /metrics without credentials (e.g. when only a trusted network reaches the "
                        + "hub). Off by default: a scraper sends an API key or access token with the scope "
                        + "metrics:read.")
        boolean anonymous() default false;

        @AttributeDefinition(name = "Cache (seconds)",
                description = "How long the figures read from the database (tickets, delivery queues, connectors) "
                        + "are reused by later scrapes; 0 reads them at every scrape.", min = "0")
        int cacheSeconds() default 5;
    }

    private final transient Logger logger = LoggerFactory.getLogger(MetricsServlet.class);
    private final transient MetricsRegistry registry;
    private final boolean anonymous;
    /** API keys first, then the registered authenticators by ranking; read on every request. */
    private final transient Authenticators authenticators;

    @Activate
    public MetricsServlet(@Reference MetricsRegistry registry, @Reference ApiKeyService apiKeys, Config config) {
        this.registry = registry;
        this.anonymous = config.anonymous();
        this.authenticators = new Authenticators(apiKeys == null ? null : apiKeys::authenticate);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAuthenticator(TokenAuthenticator authenticator, Map<String, Object> props) {
        authenticators.bind(authenticator, props);
    }

    void removeAuthenticator(TokenAuthenticator authenticator, Map<String, Object> props) {
        authenticators.unbind(authenticator, props);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            Problems.write(response, 405, "GET /metrics is the only method served here", null);
            return;
        }
        if (!anonymous) {
            Credentials.Verdict verdict = Credentials.check(request.getHeader("X-API-Key"),
                    request.getHeader("Authorization"), authenticators.list());
            if (!verdict.allowed()) {
                Problems.write(response, verdict.status(), verdict.detail(), verdict.challenge());
                return;
            }
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(64 * 1024);
        try {
            registry.write(body);
        } catch (IOException | RuntimeException e) {
            logger.error("Metrics: the exposition could not be written", e);
            Problems.write(response, 500, "The metrics could not be collected; the hub's log has the details", null);
            return;
        }
        response.setStatus(200);
        response.setContentType(MetricsRegistry.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.size());
        if ("GET".equals(method)) {
            body.writeTo(response.getOutputStream());
        }
    }
}
