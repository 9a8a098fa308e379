package org.integrationhub.gateway.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

import org.integrationhub.api.CustomerService;
import org.integrationhub.api.TicketService;
import org.integrationhub.persistence.Leases;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationContext;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The platform side of the connector SPI: the one {@link IntegrationContext} service every connector references.
 * It reads the hub-wide links ({@code ticketUrlTemplate}, {@code publicBaseUrl}) from the core's configuration
 * (metatype there) and takes their changes without restarting, so connectors are not restarted either.
 */
@Component(service = IntegrationContext.class, configurationPid = HubLinks.PID)
public class IntegrationContextImpl implements IntegrationContext {

    private final TicketService tickets;
    private final CustomerService customers;
    private final ScheduledExecutorService scheduler;
    private final StatusBoard statusBoard;
    private final HttpClient httpClient;
    private final UnaryOperator<String> environment;
    private final Leases leases;
    private volatile HubLinks links = HubLinks.DEFAULTS;

    @Activate
    public IntegrationContextImpl(@Reference TicketService tickets, @Reference CustomerService customers,
            @Reference(target = "(hub.scheduler=shared)") ScheduledExecutorService scheduler,
            @Reference StatusReports statusBoard, @Reference Leases leases, Map<String, Object> properties) {
        this(tickets, customers, scheduler, statusBoard, leases, System::getenv);
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        links = HubLinks.from(properties);
    }

    IntegrationContextImpl(TicketService tickets, CustomerService customers, ScheduledExecutorService scheduler,
            StatusBoard statusBoard, Leases leases, UnaryOperator<String> environment) {
        this.tickets = tickets;
        this.leases = leases;
        this.customers = customers;
        this.scheduler = scheduler;
        this.statusBoard = statusBoard;
        this.environment = environment;
        // Not the shared scheduler as the client's executor: connectors block in send() on the scheduler's threads
        // (deliveries, health checks), and a client that needs those threads to complete its exchanges deadlocks
        // the hub once every thread waits. Like Jetty's HttpClient, the JDK client keeps its own small pool.
        this.httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public TicketService tickets() {
        return tickets;
    }

    @Override
    public CustomerService customers() {
        return customers;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public HttpClient httpClient() {
        return httpClient;
    }

    @Override
    public void reportStatus(String integrationName, HealthResult status) {
        statusBoard.report(integrationName, status);
    }

    @Override
    public String resolveSecret(String value) {
        return resolve(value, environment);
    }

    @Override
    public String ticketUrl(String ticketId) {
        return links.ticketUrl(ticketId);
    }

    @Override
    public String publicBaseUrl() {
        return links.publicBaseUrl();
    }

    /** The cluster-wide lease of hub-persistence: one node of those sharing the database holds it at a time. */
    @Override
    public boolean acquireLease(String name, Duration ttl) {
        return leases.acquire(name, ttl);
    }

    /** {@code env:NAME} and {@code ${env:NAME}} read the environment; anything else is returned unchanged. */
    static String resolve(String value, UnaryOperator<String> environment) {
        if (value == null) {
            return "";
        }
        String v = value.trim();
        String variable = null;
        if (v.startsWith("${env:") && v.endsWith("}")) {
            variable = v.substring(6, v.length() - 1);
        } else if (v.startsWith("env:")) {
            variable = v.substring(4);
        }
        if (variable == null) {
            return value;
        }
        String resolved = environment.apply(variable);
        return resolved == null ? "" : resolved;
    }
}
