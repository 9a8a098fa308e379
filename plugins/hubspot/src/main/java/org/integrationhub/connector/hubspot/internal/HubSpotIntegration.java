package org.integrationhub.connector.hubspot.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.connector.hubspot.internal.client.Contact;
import org.integrationhub.connector.hubspot.internal.client.HubSpotClient;
import org.integrationhub.connector.hubspot.internal.inbound.HubSpotSignatures;
import org.integrationhub.connector.hubspot.internal.inbound.HubSpotWebhooks;
import org.integrationhub.connector.hubspot.internal.sync.CustomerEnricher;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.InboundHandler;
import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.spi.IntegrationContext;
import org.integrationhub.spi.IntegrationDescriptor;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.IntegrationInterface;
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

/**
 * One HubSpot account: an {@link IntegrationInterface} per factory configuration. On {@code ticket.created}, and
 * with the action {@code enrich_customer}, the customer's HubSpot contact (found by e-mail) enriches the hub customer
 * ({@link CustomerEnricher}); signed contact webhooks at {@code /integrations/hubspot/webhook} keep it up to date
 * ({@link HubSpotWebhooks}). Health: {@code GET /crm/v3/objects/contacts?limit=1}. It never writes to HubSpot.
 */
@Component(service = IntegrationInterface.class, configurationPid = HubSpotIntegration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = IntegrationInterface.TYPE_PROPERTY + "=" + HubSpotIntegration.TYPE)
@Designate(ocd = HubSpotConfiguration.class, factory = true)
public class HubSpotIntegration implements IntegrationInterface, InboundHandler {

    static final String FACTORY_PID = "org.integrationhub.connector.hubspot";
    static final String TYPE = "hubspot";
    static final String ENRICH_CUSTOMER = "enrich_customer";
    /** Configuration keys of the secrets: private (leading dot), never service properties, never logged. */
    static final String ACCESS_TOKEN = ".access.token";
    static final String CLIENT_SECRET = ".client.secret";

    private final Logger logger = LoggerFactory.getLogger(HubSpotIntegration.class);
    private final IntegrationContext context;
    private final IntegrationDescriptor descriptor;
    private final String unconfigured;
    private final HubSpotClient hubspot;
    private final CustomerEnricher enricher;
    private final HubSpotWebhooks webhooks;
    private final boolean webhooksEnabled;

    @Activate
    public HubSpotIntegration(@Reference IntegrationContext context, HubSpotConfiguration config) {
        this(context, config, Clock.systemUTC());
    }

    HubSpotIntegration(IntegrationContext context, HubSpotConfiguration config, Clock clock) {
        this(context, config, clock, HubSpotWebhooks.BUDGET);
    }

    HubSpotIntegration(IntegrationContext context, HubSpotConfiguration config, Clock clock, Duration webhookBudget) {
        this.context = context;
        String name = config.integration_name();
        this.descriptor = new IntegrationDescriptor(name, TYPE, bundleVersion(), List.of(
                new ActionDescriptor(ENRICH_CUSTOMER, "Looks an e-mail address up in HubSpot and writes the "
                        + "contact's company, phone, lifecycle stage and revenue onto the hub customer",
                        List.of("email"))),
                quota(config), Set.of(ACCESS_TOKEN, CLIENT_SECRET));
        String token = context.resolveSecret(config._access_token());
        this.unconfigured = problem(config, token);
        this.hubspot = new HubSpotClient(context.httpClient(), config.api_url().strip(), token,
                Duration.ofMillis(config.timeout_millis()));
        this.enricher = new CustomerEnricher(hubspot, context::customers);
        HubSpotSignatures signatures = new HubSpotSignatures(unconfigured == null
                ? context.resolveSecret(config._client_secret()) : "");
        this.webhooksEnabled = signatures.configured();
        this.webhooks = new HubSpotWebhooks(signatures, this::webhookUrl, enricher, clock, webhookBudget);
        if (unconfigured != null) {
            context.reportStatus(name, HealthResult.unconfigured(unconfigured));
            logger.warn("HubSpot instance '{}' is not usable: {}", name, unconfigured);
        }
    }

    /** @return the configured requests per 10 seconds as the gateway's quota (HubSpot's burst window) */
    static VendorQuota quota(HubSpotConfiguration config) {
        return VendorQuota.per(Math.max(1, config.requests_per_10_seconds()), Duration.ofSeconds(10));
    }

    private static String problem(HubSpotConfiguration config, String token) {
        if (token.isBlank()) {
            return ACCESS_TOKEN + " is not set";
        }
        try {
            URI api = URI.create(config.api_url().strip());
            if (api.getHost() == null || !("https".equals(api.getScheme()) || "http".equals(api.getScheme()))) {
                return "api.url must be an absolute http(s) URL";
            }
        } catch (IllegalArgumentException e) {
            return "api.url must be an absolute http(s) URL";
        }
        return null;
    }

    /** @return the URL HubSpot calls: the hub's public base URL and this connector's webhook path */
    String webhookUrl() {
        return context.publicBaseUrl() + "/integrations/" + TYPE + "/" + HubSpotWebhooks.PATH;
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        if (!ENRICH_CUSTOMER.equals(request.action())) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "unknown action " + request.action(), null);
        }
        requireConfigured();
        if (!(request.params().get("email") instanceof String email) || !email.contains("@")) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "email must be an e-mail address", null);
        }
        CustomerEnricher.Result result = enricher.enrich(email.strip());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("email", email.strip());
        data.put("found", result.contact().isPresent());
        if (result.contact().isEmpty()) {
            data.put("detail", "HubSpot has no contact with this e-mail address; nothing changed");
            return new ActionResult(data);
        }
        Contact contact = result.contact().get();
        Customer customer = result.customer().orElseThrow();
        data.put("contact_id", contact.id());
        data.put("customer_id", customer.id());
        data.put("company", customer.company());
        data.put("phone", customer.phone());
        data.put("lifecycle_stage", customer.attributes().get(CustomerEnricher.LIFECYCLE_STAGE));
        data.put("total_revenue", customer.attributes().get(CustomerEnricher.TOTAL_REVENUE));
        return new ActionResult(data);
    }

    /** {@code ticket.created}: enriches the ticket's customer; every other event is ignored. */
    @Override
    public void onEvent(HubEvent event) throws IntegrationException {
        if (event.type() != EventType.TICKET_CREATED) {
            return;
        }
        requireConfigured();
        CustomerEnricher.Result result = enricher.enrich(event.ticket().customer().email());
        logger.debug("HubSpot instance '{}': ticket {} — {}", descriptor.name(), event.ticketId(),
                result.contact().map(c -> "customer enriched from contact " + c.id())
                        .orElse("no contact with the customer's e-mail address"));
    }

    @Override
    public HealthResult checkHealth() {
        if (unconfigured != null) {
            return HealthResult.unconfigured(unconfigured);
        }
        try {
            hubspot.checkAccess();
            return HealthResult.online("contacts readable with the access token"
                    + (webhooksEnabled ? "" : "; webhooks refused: " + CLIENT_SECRET + " is not set"));
        } catch (IntegrationException e) {
            return HealthResult.of(e);
        }
    }

    @Override
    public Set<String> inboundPaths() {
        return Set.of(HubSpotWebhooks.PATH);
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        return webhooks.handle(request);
    }

    private void requireConfigured() throws IntegrationException {
        if (unconfigured != null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, unconfigured, null);
        }
    }

    /** @return the version of this bundle ("0.0.0" outside OSGi, e.g. in unit tests) */
    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(HubSpotIntegration.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
