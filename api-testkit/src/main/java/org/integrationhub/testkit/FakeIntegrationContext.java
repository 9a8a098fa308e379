package org.integrationhub.testkit;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.integrationhub.api.CustomerService;
import org.integrationhub.api.TicketService;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationContext;

/**
 * An {@link IntegrationContext} for plain JUnit tests of a connector: a real JDK HTTP client, a one-thread
 * scheduler, recorded status reports and a fake environment for {@link #resolveSecret}. Ticket and customer
 * services are whatever the test hands in (null → {@link UnsupportedOperationException} when used).
 * Close it after the test to stop the scheduler.
 *
 * @since 0.1.0
 */
public class FakeIntegrationContext implements IntegrationContext, AutoCloseable {

    private final TicketService tickets;
    private final CustomerService customers;
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> environment = new ConcurrentHashMap<>();
    private final Map<String, List<HealthResult>> reports = new ConcurrentHashMap<>();
    private volatile String ticketUrlTemplate = "http://127.0.0.1:8181/api/v1/tickets/{id}";
    private volatile String publicBaseUrl = "http://127.0.0.1:8181";
    private final Map<String, String> leasesElsewhere = new ConcurrentHashMap<>();
    private final Map<String, List<Duration>> leaseCalls = new ConcurrentHashMap<>();

    /** A context without ticket and customer services. */
    public FakeIntegrationContext() {
        this(null, null);
    }

    /** @param tickets ticket service or null @param customers customer service or null */
    public FakeIntegrationContext(TicketService tickets, CustomerService customers) {
        this.tickets = tickets;
        this.customers = customers;
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @Override
    public TicketService tickets() {
        if (tickets == null) {
            throw new UnsupportedOperationException("no TicketService given to this FakeIntegrationContext");
        }
        return tickets;
    }

    @Override
    public CustomerService customers() {
        if (customers == null) {
            throw new UnsupportedOperationException("no CustomerService given to this FakeIntegrationContext");
        }
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
        reports.computeIfAbsent(integrationName, k -> new CopyOnWriteArrayList<>()).add(status);
    }

    @Override
    public String resolveSecret(String value) {
        if (value == null) {
            return "";
        }
        String v = value.trim();
        String variable = v.startsWith("${env:") && v.endsWith("}") ? v.substring(6, v.length() - 1)
                : v.startsWith("env:") ? v.substring(4) : null;
        return variable == null ? value : environment.getOrDefault(variable, "");
    }

    @Override
    public String ticketUrl(String ticketId) {
        return ticketUrlTemplate.replace("{id}", ticketId);
    }

    @Override
    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    /**
     * @param template the hub-wide ticket URL template, with {@code {id}}
     * @param baseUrl the hub's public base URL, without a trailing slash
     * @return this, for chaining
     * @since 0.2.0
     */
    public FakeIntegrationContext withLinks(String template, String baseUrl) {
        this.ticketUrlTemplate = template;
        this.publicBaseUrl = baseUrl;
        return this;
    }

    /**
     * This fake's lease table: every lease is this node's unless {@link #leaseHeldElsewhere} said otherwise.
     */
    @Override
    public boolean acquireLease(String name, Duration ttl) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("lease name must be 1 to 200 characters");
        }
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lease ttl must be at least one second");
        }
        leaseCalls.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(ttl);
        return !leasesElsewhere.containsKey(name);
    }

    /**
     * Makes {@link #acquireLease} answer false for a lease, as if another node held it; or true again.
     *
     * @param name the lease name
     * @param elsewhere true: another node holds it; false: this node may take it
     * @return this, for chaining
     * @since 0.3.0
     */
    public FakeIntegrationContext leaseHeldElsewhere(String name, boolean elsewhere) {
        if (elsewhere) {
            leasesElsewhere.put(name, "other-node");
        } else {
            leasesElsewhere.remove(name);
        }
        return this;
    }

    /** @param name a lease name @return how often {@link #acquireLease} was called for it, with each ttl @since 0.3.0 */
    public List<Duration> leaseCalls(String name) {
        return List.copyOf(leaseCalls.getOrDefault(name, List.of()));
    }

    /** @param name variable @param value value @return this, for chaining */
    public FakeIntegrationContext withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** @param integrationName instance name @return the statuses reported so far, oldest first */
    public List<HealthResult> reports(String integrationName) {
        return List.copyOf(reports.getOrDefault(integrationName, List.of()));
    }

    /** @param integrationName instance name @return the latest reported status, or null */
    public HealthResult lastReport(String integrationName) {
        List<HealthResult> r = reports(integrationName);
        return r.isEmpty() ? null : r.get(r.size() - 1);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
