package org.integrationhub.connector.salesforce.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Ticket;
import org.integrationhub.connector.salesforce.internal.client.JwtAssertion;
import org.integrationhub.connector.salesforce.internal.client.SalesforceClient;
import org.integrationhub.connector.salesforce.internal.client.SalesforceErrors;
import org.integrationhub.connector.salesforce.internal.sync.CaseSync;
import org.integrationhub.connector.salesforce.internal.sync.CustomerSync;
import org.integrationhub.connector.salesforce.internal.sync.SyncState;
import org.integrationhub.connector.salesforce.internal.sync.TicketLocks;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationContext;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.VendorQuota;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One Salesforce org: an {@link IntegrationInterface} per factory configuration. {@code ticket.created} finds the
 * customer's Contact by e-mail and records it on the customer ({@link CustomerSync}), then opens the ticket's Case
 * ({@link CaseSync}, when {@code create.case} is on); {@code ticket.resolved}, {@code ticket.closed} and a reopening
 * {@code ticket.updated} set the Case's Status. Actions {@code sync_customer} and {@code create_case}; health mints a
 * token and reads {@code GET /services/data/<version>/limits}.
 */
@Component(service = IntegrationInterface.class, configurationPid = SalesforceIntegration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = IntegrationInterface.TYPE_PROPERTY + "=salesforce")
@Designate(ocd = SalesforceConfiguration.class, factory = true)
public class SalesforceIntegration implements IntegrationInterface {

    static final String FACTORY_PID = "org.integrationhub.connector.salesforce";
    static final String TYPE = "salesforce";
    static final String PRIVATE_KEY = ".private.key";
    static final List<ActionDescriptor> ACTIONS = List.of(
            new ActionDescriptor(SalesforceActions.SYNC_CUSTOMER, "Finds the Contact with this e-mail address and "
                    + "records its id and Account on the hub's customer", List.of("email")),
            new ActionDescriptor(SalesforceActions.CREATE_CASE, "Creates the ticket's Case unless it has one "
                    + "(exactly one per ticket)", List.of("ticket_id")));
    /** Health turns DEGRADED when this share of the daily API allocation is used. */
    private static final double USAGE_WARNING = 0.9;

    private final Logger logger = LoggerFactory.getLogger(SalesforceIntegration.class);
    private final IntegrationDescriptor descriptor;
    private final String unconfigured;
    private final String username;
    private final boolean createCase;
    private final SalesforceClient salesforce;
    private final TicketLocks locks;
    private final CustomerSync customers;
    private final CaseSync cases;
    private final SalesforceActions actions;

    @Activate
    public SalesforceIntegration(@Reference IntegrationContext context, @Reference LinkStore links,
            SalesforceConfiguration config) {
        this(context, links, config, Clock.systemUTC());
    }

    SalesforceIntegration(IntegrationContext context, LinkStore links, SalesforceConfiguration config, Clock clock) {
        String name = config.integration_name();
        this.descriptor = new IntegrationDescriptor(name, TYPE, bundleVersion(), ACTIONS,
                VendorQuota.perSecond(Math.max(1, config.rate_per_second())), Set.of(PRIVATE_KEY));
        SalesforceSettings settings = SalesforceSettings.of(config, context::resolveSecret);
        this.unconfigured = settings.problem();
        this.username = settings.username();
        this.createCase = config.create_case();
        ObjectMapper json = new ObjectMapper();
        // exp is checked by Salesforce against real time, whatever clock the rest of the connector runs on
        JwtAssertion assertion = new JwtAssertion(settings.clientId(), settings.username(), settings.audience(),
                settings.key(), Clock.systemUTC());
        this.salesforce = new SalesforceClient(context.httpClient(), settings.loginUrl(), settings.apiVersion(),
                assertion, Duration.ofMillis(config.timeout_millis()), json,
                new SalesforceErrors(json, Duration.ofSeconds(Math.max(1, config.limit_wait_seconds()))));
        this.locks = new TicketLocks(Duration.ofMillis(Math.max(5000, config.timeout_millis())));
        this.customers = new CustomerSync(salesforce, context::customers);
        this.cases = new CaseSync(salesforce, new SyncState(links, name), settings.template(), context::ticketUrl,
                Duration.ofSeconds(Math.max(0, config.create_settle_seconds())), clock);
        this.actions = new SalesforceActions(context::tickets, locks, customers, cases);
        if (unconfigured != null) {
            context.reportStatus(name, HealthResult.unconfigured(unconfigured));
            logger.warn("Salesforce instance '{}' is not usable: {}", name, unconfigured);
        }
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        if (descriptor.action(request.action()) == null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "unknown action '" + request.action() + "'",
                    null);
        }
        requireConfigured();
        return actions.execute(request);
    }

    @Override
    public void onEvent(HubEvent event) throws IntegrationException {
        switch (event.type()) {
            case TICKET_CREATED -> {
                requireConfigured();
                locked(event.ticketId(), () -> created(event.ticket()));
            }
            case TICKET_UPDATED -> {
                Ticket ticket = event.ticket();
                if (event.changedFields().contains("priority") && ticket.status().isActive() && createCase) {
                    // raised into integration.min.priority (the gateway delivers only tickets at or above it)
                    requireConfigured();
                    locked(ticket.id(), () -> created(ticket));
                } else if (event.changedFields().contains("status") && ticket.status().isActive()) {
                    requireConfigured();
                    locked(ticket.id(), () -> cases.reopened(ticket.id()));
                }
            }
            case TICKET_RESOLVED -> {
                requireConfigured();
                locked(event.ticketId(), () -> cases.resolved(event.ticketId()));
            }
            case TICKET_CLOSED -> {
                requireConfigured();
                locked(event.ticketId(), () -> cases.closed(event.ticketId()));
            }
            default -> {
                // comments, ratings and customer events stay in the hub
            }
        }
    }

    /** The customer's Contact onto the customer, then the ticket's Case. Under the ticket's lock. */
    private Object created(Ticket ticket) throws IntegrationException {
        String contactId = null;
        try {
            contactId = customers.sync(ticket.customer().email(), ticket.customer().name()).contact()
                    .map(CustomerSync.Contact::id).orElse(null);
        } catch (IntegrationException e) {
            if (e.category() != ErrorCategory.CONFIGURATION) {
                throw e;
            }
            // an address SOQL cannot hold (e.g. longer than the Email field): the Case is still worth having
            logger.warn("Salesforce: no Contact lookup for ticket {}: {}", ticket.id(), e.getMessage());
        }
        return createCase ? cases.ensureCase(ticket, contactId) : null;
    }

    @Override
    public HealthResult checkHealth() {
        if (unconfigured != null) {
            return HealthResult.unconfigured(unconfigured);
        }
        try {
            JsonNode limits = salesforce.limits();
            String detail = "authenticated as " + username + " on " + salesforce.instanceUrl();
            JsonNode daily = limits.path("DailyApiRequests");
            long max = daily.path("Max").asLong(0);
            long remaining = daily.path("Remaining").asLong(0);
            String usage = salesforce.limitInfo();
            if (!usage.isEmpty()) {
                detail += "; " + usage;
            }
            if (max > 0) {
                detail += "; daily API requests " + (max - remaining) + "/" + max;
                if (max - remaining >= USAGE_WARNING * max) {
                    return HealthResult.degraded(detail + " (at least " + Math.round(USAGE_WARNING * 100)
                            + "% used)");
                }
            }
            return HealthResult.online(detail);
        } catch (IntegrationException e) {
            return HealthResult.of(e);
        }
    }

    private <T> void locked(String ticketId, TicketLocks.Work<T, IntegrationException> work)
            throws IntegrationException {
        try {
            locks.with(ticketId, work);
        } catch (TicketLocks.Busy e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, e.getMessage() + " in this hub; retrying",
                    null, Duration.ofSeconds(1));
        }
    }

    private void requireConfigured() throws IntegrationException {
        if (unconfigured != null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, unconfigured, null);
        }
    }

    /** @return the version of this bundle ("0.0.0" outside OSGi, e.g. in unit tests) */
    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(SalesforceIntegration.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }

    @Override
    public String toString() {
        return "SalesforceIntegration[" + descriptor.name() + ", " + salesforce + "]";
    }
}
