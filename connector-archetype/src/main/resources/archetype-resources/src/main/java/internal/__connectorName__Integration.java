#set( $symbol_pound = '#' )
package ${package}.internal;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.Ticket;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ${connectorType} connector: one service per factory configuration ({@link ${connectorName}Config}). It posts the hub
 * events the instance subscribes to, offers the action {@value ${symbol_pound}SEND_MESSAGE}, checks its token with the
 * vendor's cheapest authenticated call, and takes comments back from the vendor's webhook ({@link InboundHandler},
 * {@code POST /integrations/${connectorType}/webhook}). Thread-safe; every expected failure is a classified
 * {@link IntegrationException}.
 */
@Component(service = IntegrationInterface.class, configurationPid = ${connectorName}Integration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = IntegrationInterface.TYPE_PROPERTY + "=" + ${connectorName}Integration.TYPE)
@Designate(ocd = ${connectorName}Config.class, factory = true)
public class ${connectorName}Integration implements IntegrationInterface, InboundHandler {

    static final String TYPE = "${connectorType}";
    static final String PID = "org.integrationhub.connector." + TYPE;
    /** The vendor's production API; operators override it with {@code api.url}. */
    static final String DEFAULT_API_URL = "https://api.${connectorType}.example/v1";
    static final String SEND_MESSAGE = "send_message";
    static final String TOKEN = ".token";
    static final String WEBHOOK_SECRET = ".webhook.secret";
    /** The vendor's documented request quota: the gateway never calls faster. Put your vendor's here. */
    static final VendorQuota QUOTA = VendorQuota.perSecond(10);
    static final List<ActionDescriptor> ACTIONS = List.of(new ActionDescriptor(SEND_MESSAGE,
            "Posts a message (text, optionally about ticket_id) to ${connectorName}", List.of("text")));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger logger = LoggerFactory.getLogger(${connectorName}Integration.class);
    private final IntegrationContext context;
    private final IntegrationDescriptor descriptor;
    private final String unconfigured;
    private final ${connectorName}Client client;
    private final ${connectorName}Webhook webhook;
    private final RecentIds delivered = new RecentIds(10_000);
    private final RecentIds ownComments = new RecentIds(10_000);

    @Activate
    public ${connectorName}Integration(@Reference IntegrationContext context, ${connectorName}Config config) {
        this.context = context;
        this.descriptor = new IntegrationDescriptor(config.integration_name(), TYPE, bundleVersion(), ACTIONS, QUOTA,
                Set.of(TOKEN, WEBHOOK_SECRET));
        URI api = apiUrl(config.api_url());
        String token = context.resolveSecret(config._token());
        this.unconfigured = api == null ? "api.url must be an absolute http(s) URL without user info"
                : token.isBlank() ? TOKEN + " is not set (or its env: variable is empty)" : null;
        this.client = unconfigured != null ? null
                : new ${connectorName}Client(context.httpClient(), api, token, Duration.ofMillis(config.timeout_millis()), JSON);
        this.webhook = new ${connectorName}Webhook(context.resolveSecret(config._webhook_secret()), context::tickets, JSON,
                ownComments);
        if (unconfigured != null) {
            context.reportStatus(descriptor.name(), HealthResult.unconfigured(unconfigured));
            logger.warn("${connectorType} instance '{}' is not usable: {}", descriptor.name(), unconfigured);
        }
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        if (!SEND_MESSAGE.equals(request.action())) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "unknown action '" + request.action() + "'", null);
        }
        if (!(request.params().get("text") instanceof String text) || text.isBlank()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "text must be a non-empty string", null);
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", text);
        if (request.params().get("ticket_id") instanceof String ticketId && !ticketId.isBlank()) {
            message.put("ticket_id", ticketId);
            message.put("ticket_url", context.ticketUrl(ticketId));
        }
        JsonNode answer = client().post("/messages", message, request.idempotencyKey());
        return new ActionResult(Map.of("id", answer.path("id").asText("")));
    }

    /**
     * Posts the event with its id as {@code Idempotency-Key}. An event delivered before is not sent again, nor is a
     * comment that came from the vendor's own webhook (it would echo back).
     */
    @Override
    public void onEvent(HubEvent event) throws IntegrationException {
        if (delivered.contains(event.id())) {
            return;
        }
        if (event.comment() != null && ownComments.contains(event.comment().id())) {
            delivered.add(event.id());
            return;
        }
        client().post("/events", eventMessage(event), event.id());
        delivered.add(event.id());
    }

    @Override
    public HealthResult checkHealth() {
        if (unconfigured != null) {
            return HealthResult.unconfigured(unconfigured);
        }
        try {
            return HealthResult.online("authenticated as " + client.me().path("name").asText("?"));
        } catch (IntegrationException e) {
            return HealthResult.of(e);
        }
    }

    @Override
    public Set<String> inboundPaths() {
        return Set.of(${connectorName}Webhook.PATH);
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        return webhook.handle(request);
    }

    /** What the vendor receives for a hub event. */
    Map<String, Object> eventMessage(HubEvent event) {
        Ticket ticket = event.ticket();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", ticket.id());
        t.put("subject", ticket.subject());
        t.put("status", ticket.status().wireName());
        t.put("priority", ticket.priority().wireName());
        t.put("url", context.ticketUrl(ticket.id()));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", event.id());
        message.put("type", event.type().wireName());
        message.put("occurred_at", event.occurredAt().toString());
        message.put("ticket", t);
        if (event.type() == EventType.COMMENT_ADDED && event.comment() != null) {
            message.put("comment", Map.of("text", event.comment().body(), "author",
                    event.comment().author() == null || event.comment().author().name() == null ? ""
                            : event.comment().author().name()));
        }
        if (event.type() == EventType.RATING_RECEIVED && event.rating() != null) {
            message.put("rating", event.rating().score());
        }
        return message;
    }

    private ${connectorName}Client client() throws IntegrationException {
        if (unconfigured != null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, unconfigured, null);
        }
        return client;
    }

    /** @return the URL if it is absolute http(s) with a host and no user info (credentials belong in .token), else null */
    static URI apiUrl(String value) {
        try {
            URI uri = value == null || value.isBlank() ? null : URI.create(value.strip());
            boolean http = uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
            return http && uri.getHost() != null && uri.getUserInfo() == null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return the version of this bundle ("0.0.0" outside OSGi, e.g. in unit tests) */
    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(${connectorName}Integration.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }

    @Override
    public String toString() {
        return "${connectorName}Integration[" + descriptor.name() + "]";
    }
}
