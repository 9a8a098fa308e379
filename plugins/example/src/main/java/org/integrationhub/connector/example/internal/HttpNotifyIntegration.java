package org.integrationhub.connector.example.internal;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.HubEvent;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.ActionRequest;
import org.integrationhub.spi.ActionResult;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.HealthResult;
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
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The http-notify connector: one service per factory configuration. Posts every subscribed hub event (with the
 * event id as Idempotency-Key) and the {@code notify} action as JSON to the configured endpoint.
 */
@Component(service = IntegrationInterface.class, configurationPid = HttpNotifyIntegration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = IntegrationInterface.TYPE_PROPERTY + "=" + HttpNotifyIntegration.TYPE)
@Designate(ocd = HttpNotifyConfig.class, factory = true)
public class HttpNotifyIntegration implements IntegrationInterface {

    static final String PID = "org.integrationhub.connector.httpnotify";
    static final String TYPE = "http-notify";
    /** The version of this bundle ("0.0.0" outside OSGi, e.g. in unit tests). */
    static final String VERSION = bundleVersion();
    static final List<ActionDescriptor> ACTIONS = List.of(
            new ActionDescriptor("notify", "Posts {type:notify, text, ...params} to the endpoint", List.of("text")));

    private final IntegrationDescriptor descriptor;
    private final HttpNotifyClient client;
    private volatile boolean stopped;

    @Activate
    public HttpNotifyIntegration(@Reference IntegrationContext context, HttpNotifyConfig config) {
        this.descriptor = new IntegrationDescriptor(config.integration_name(), TYPE, VERSION, ACTIONS,
                VendorQuota.perSecond(config.quotaPerSecond()), Set.of(".token"));
        URI url = parseUrl(config.url());
        this.client = url == null ? null : new HttpNotifyClient(context.httpClient(), url,
                context.resolveSecret(config._token()), Duration.ofMillis(config.requestTimeoutMillis()));
        if (client == null) {
            context.reportStatus(descriptor.name(), HealthResult.unconfigured("url must be an absolute http(s) URL"));
        }
    }

    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(HttpNotifyIntegration.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }

    @Deactivate
    void deactivate() {
        stopped = true;
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        if (!request.action().equals("notify")) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "unknown action '" + request.action() + "'", null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "notify");
        body.putAll(request.params());
        HttpResponse<String> response = client().post(Json.write(body), request.idempotencyKey());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", response.statusCode());
        String text = response.body();
        result.put("response", text.length() > 1000 ? text.substring(0, 1000) : text);
        return new ActionResult(result);
    }

    @Override
    public void onEvent(HubEvent event) throws IntegrationException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type().wireName());
        body.put("id", event.id());
        body.put("sequence", event.sequence());
        body.put("occurred_at", event.occurredAt().toString());
        if (event.ticket() != null) {
            body.put("ticket_id", event.ticketId());
            body.put("subject", event.ticket().subject());
            body.put("status", event.ticket().status().name().toLowerCase(java.util.Locale.ROOT));
            body.put("priority", event.ticket().priority().wireName());
        } else { // customer.updated, when the instance lists it
            body.put("customer_id", event.customer().id());
            body.put("email", event.customer().email());
        }
        client().post(Json.write(body), event.id());
    }

    @Override
    public HealthResult checkHealth() {
        if (client == null) {
            return HealthResult.unconfigured("url must be an absolute http(s) URL");
        }
        try {
            client.post("{\"type\":\"ping\"}", null);
            return HealthResult.online("endpoint answered the ping");
        } catch (IntegrationException e) {
            return HealthResult.of(e);
        }
    }

    private HttpNotifyClient client() throws IntegrationException {
        if (stopped) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "connector is stopping", null);
        }
        if (client == null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "url must be an absolute http(s) URL", null);
        }
        return client;
    }

    static URI parseUrl(String value) {
        try {
            URI uri = value == null ? null : URI.create(value.trim());
            boolean http = uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
            return http && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
