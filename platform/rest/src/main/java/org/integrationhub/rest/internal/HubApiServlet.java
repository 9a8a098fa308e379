package org.integrationhub.rest.internal;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.integrationhub.api.CustomerService;
import org.integrationhub.api.TicketService;
import org.integrationhub.persistence.Database;
import org.integrationhub.rest.json.Problem;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.rest.spi.ApiResource;
import org.integrationhub.rest.spi.Authenticators;
import org.integrationhub.security.RateLimitService;
import org.integrationhub.rest.spi.TokenAuthenticator;
import org.osgi.framework.Constants;
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
 * Serves the REST API: Jersey's servlet on the OSGi HTTP whiteboard under {@code /api/*}. Resources of other
 * bundles ({@link ApiResource} services) and extra credential checks ({@link TokenAuthenticator} services) join
 * and leave at run time: the Jersey application is rebuilt when resources change, and the new one takes over
 * without dropping a request (see {@link SwappableServlet}).
 */
@Component(service = Servlet.class, configurationPid = HubApiServlet.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=integration-hub-api"})
@Designate(ocd = HubApiServlet.Config.class)
public class HubApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PID = "org.integrationhub.rest";

    @ObjectClassDefinition(name = "Integration Hub REST API", description = "Limits of the REST API under /api.")
    public @interface Config {
        @AttributeDefinition(name = "Maximum request body (bytes)",
                description = "Larger request bodies are refused with 413.", min = "1")
        long maxRequestBytes() default 1_048_576L;
    }

    private final transient Logger logger = LoggerFactory.getLogger(HubApiServlet.class);
    private final transient TicketService tickets;
    private final transient CustomerService customers;
    private final transient JerseyWarmUp warmUp;
    private final transient Database database;
    private final transient RateLimitService rateLimits;
    private final long maxRequestBytes;
    /** API keys first, then the registered authenticators by ranking; live, read by the filter on every request. */
    private final transient Authenticators authenticators;
    private final transient Map<Key, ApiResource> resources = new ConcurrentSkipListMap<>();
    private static final byte[] UNAVAILABLE = Problem.bytes(503, "The REST API is starting or stopping");
    private static final byte[] INTERNAL = Problem.bytes(500,
            "The request failed unexpectedly; the hub's log has the details");

    private static final long WARM_UP_WAIT_MILLIS = 15_000;

    /** Null until {@link #init()} and after {@link #destroy()}; changed under {@code this}, read by every request. */
    private transient volatile SwappableServlet container;

    @Activate
    public HubApiServlet(@Reference TicketService tickets, @Reference CustomerService customers,
            @Reference Database database, @Reference ApiKeyService apiKeys, @Reference RateLimitService rateLimits,
            @Reference JerseyWarmUp warmUp, Config config) {
        this.warmUp = warmUp;
        this.tickets = tickets;
        this.customers = customers;
        this.database = database;
        this.rateLimits = rateLimits;
        this.maxRequestBytes = config.maxRequestBytes();
        this.authenticators = new Authenticators(apiKeys == null ? null : apiKeys::authenticate);
    }

    @Override
    public void init() throws ServletException {
        warmUp.awaitDone(WARM_UP_WAIT_MILLIS); // two initialisations at once would only share the cores
        synchronized (this) { // resources binding meanwhile wait, then rebuild the running application
            SwappableServlet fresh = new SwappableServlet(getServletConfig());
            fresh.install(new ServletContainer(application())); // Jersey starts once, with what is known now
            container = fresh;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        SwappableServlet serving = container;
        boolean served;
        try {
            served = serving != null && serving.service(request, response);
        } catch (ServletException | RuntimeException e) {
            // Jersey maps what it can; anything escaping it still gets problem+json, never the container's HTML page
            logger.error("Unhandled failure serving {} {}", request.getMethod(), request.getRequestURI(), e);
            if (!response.isCommitted()) {
                response.reset();
                problem(response, 500, INTERNAL);
            }
            return;
        }
        if (!served) {
            response.setHeader("Retry-After", "1");
            problem(response, 503, UNAVAILABLE);
        }
    }

    /** Writes a problem from outside Jersey (this servlet's 503 and 500, the whiteboard's 404). */
    static void problem(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addResource(ApiResource resource, Map<String, Object> props) {
        resources.put(Key.of(props), resource);
        rebuild();
    }

    void removeResource(ApiResource resource, Map<String, Object> props) {
        resources.remove(Key.of(props));
        rebuild();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAuthenticator(TokenAuthenticator authenticator, Map<String, Object> props) {
        authenticators.bind(authenticator, props);
    }

    void removeAuthenticator(TokenAuthenticator authenticator, Map<String, Object> props) {
        authenticators.unbind(authenticator, props);
    }

    private ResourceConfig application() {
        return HubApiApplication.create(tickets, customers, database, List.of(authenticators), rateLimits,
                maxRequestBytes, List.copyOf(resources.values()));
    }

    @Override
    public void destroy() {
        synchronized (this) { // resources leaving during shutdown must not rebuild a stopped application
            if (container != null) {
                container.shutdown();
                container = null;
            }
        }
        super.destroy();
    }

    private synchronized void rebuild() {
        if (container == null) {
            return; // init() builds the application with whatever is bound by then
        }
        try {
            logger.info("REST API now serves {} contributed resource(s); swapping in the rebuilt application",
                    resources.size());
            container.install(new ServletContainer(application()));
        } catch (ServletException | RuntimeException e) {
            // the running application keeps serving; the next change or restart tries again
            logger.warn("Could not rebuild the REST API after a resource change: {}", e.toString());
            logger.debug("Rebuild failure", e);
        }
    }

    /** Orders contributed resources by service ranking (highest first), then service id. */
    private record Key(int ranking, long id) implements Comparable<Key> {
        static Key of(Map<String, Object> props) {
            Object r = props.get(Constants.SERVICE_RANKING);
            return new Key(r instanceof Integer ? (Integer) r : 0, (Long) props.get(Constants.SERVICE_ID));
        }

        @Override
        public int compareTo(Key o) {
            return Comparator.comparingInt((Key k) -> -k.ranking).thenComparingLong(k -> k.id).compare(this, o);
        }
    }
}
