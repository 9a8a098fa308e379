package org.integrationhub.connector.asana.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;
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
 * One Asana project: an {@link IntegrationInterface} per factory configuration. Keeps a task per ticket in step
 * with the ticket ({@link TaskSync}), takes Asana's webhook deliveries at {@code /integrations/asana/webhook}
 * ({@link WebhookReceiver}), offers the actions {@code register_webhook} and {@code create_task}, and checks its
 * health with {@code GET /users/me}.
 */
@Component(service = IntegrationInterface.class, configurationPid = AsanaIntegration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = IntegrationInterface.TYPE_PROPERTY + "=asana")
@Designate(ocd = AsanaConfiguration.class, factory = true)
public class AsanaIntegration implements IntegrationInterface, InboundHandler {

    static final String FACTORY_PID = "org.integrationhub.connector.asana";
    static final String TYPE = "asana";
    static final String REGISTER_WEBHOOK = "register_webhook";
    static final String CREATE_TASK = "create_task";
    /** Configuration key of the token: private (leading dot), so DS never publishes it as a service property. */
    static final String ACCESS_TOKEN = ".access.token";

    private final Logger logger = LoggerFactory.getLogger(AsanaIntegration.class);
    private final IntegrationContext context;
    private final IntegrationDescriptor descriptor;
    private final String unconfigured;
    private final String project;
    private final AsanaClient asana;
    private final SyncState state;
    private final TaskSync sync;
    private final HookSecret hookSecret;
    private final WebhookReceiver receiver;

    @Activate
    public AsanaIntegration(@Reference IntegrationContext context, @Reference LinkStore links,
            AsanaConfiguration config) {
        this.context = context;
        String name = config.integration_name();
        this.descriptor = new IntegrationDescriptor(name, TYPE, bundleVersion(), List.of(
                new ActionDescriptor(REGISTER_WEBHOOK, "Creates the Asana webhook of the project, aimed at this "
                        + "hub's /integrations/asana/webhook", List.of()),
                new ActionDescriptor(CREATE_TASK, "Makes the Asana task of an existing ticket, if it has none",
                        List.of("ticket_id"))),
                VendorQuota.per(Math.max(1, config.requests_per_minute()), Duration.ofMinutes(1)),
                Set.of(ACCESS_TOKEN));
        String token = context.resolveSecret(config._access_token());
        this.project = config.project().strip();
        this.unconfigured = token.isBlank() ? ACCESS_TOKEN + " is not set"
                : project.isEmpty() ? "project is not set" : null;
        this.asana = new AsanaClient(context.httpClient(), config.api_url(), token,
                Duration.ofMillis(config.timeout_millis()));
        this.state = new SyncState(links, name);
        this.sync = new TaskSync(asana, state, project, config.workspace().strip(), context::ticketUrl);
        this.hookSecret = new HookSecret(links, name);
        this.receiver = new WebhookReceiver(name, asana, state, hookSecret, context::tickets);
        if (unconfigured != null) {
            context.reportStatus(name, HealthResult.unconfigured(unconfigured));
            logger.warn("Asana instance '{}' is not usable: {}", name, unconfigured);
        }
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        switch (request.action()) {
            case REGISTER_WEBHOOK -> {
                requireConfigured();
                return registerWebhook();
            }
            case CREATE_TASK -> {
                requireConfigured();
                return createTask(request.params().get("ticket_id"));
            }
            default -> throw new IntegrationException(ErrorCategory.CONFIGURATION,
                    "unknown action " + request.action(), null);
        }
    }

    /**
     * Creates the webhook; Asana's handshake arrives on another thread while this call waits, and is accepted
     * because this instance now expects it (no lock is held that the inbound handler needs).
     */
    private ActionResult registerWebhook() throws IntegrationException {
        String nonce = hookSecret.expect();
        String target = context.publicBaseUrl() + "/integrations/" + TYPE + "/" + WebhookReceiver.PATH + "?"
                + HookSecret.NONCE_PARAMETER + "=" + nonce;
        AsanaClient.Webhook webhook;
        try {
            webhook = asana.createWebhook(project, target);
        } finally {
            hookSecret.stopExpecting();
        }
        if (!hookSecret.registered(nonce, webhook.gid(), webhook.secret())) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Asana created webhook " + webhook.gid()
                    + " but its handshake did not reach this instance (is publicBaseUrl "
                    + context.publicBaseUrl() + " how Asana reaches the hub?)", null);
        }
        logger.info("Asana instance '{}' registered webhook {} for project {}", descriptor.name(), webhook.gid(),
                project);
        return new ActionResult(Map.of("webhook_gid", webhook.gid(), "resource", project, "target", target));
    }

    private ActionResult createTask(Object ticketId) throws IntegrationException {
        if (!(ticketId instanceof String id) || id.isBlank()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "ticket_id must be a ticket id", null);
        }
        Ticket ticket = context.tickets().find(id).orElseThrow(() -> new IntegrationException(
                ErrorCategory.CONFIGURATION, "no ticket " + id, null));
        TicketLink link = sync.ensureTask(ticket, "action:" + id);
        return new ActionResult(Map.of("task_gid", link.key(), "url", link.url()));
    }

    @Override
    public void onEvent(HubEvent event) throws IntegrationException {
        if (!event.type().isTicketEvent()) {
            return; // customer.updated (only when listed): a task mirrors a ticket
        }
        requireConfigured();
        sync.onEvent(event);
    }

    @Override
    public HealthResult checkHealth() {
        if (unconfigured != null) {
            return HealthResult.unconfigured(unconfigured);
        }
        try {
            String user = asana.me().name();
            String webhook = hookSecret.current().map(s -> "webhook registered")
                    .orElse("no webhook yet (action register_webhook)");
            return HealthResult.online("authenticated as " + user + "; " + webhook);
        } catch (IntegrationException e) {
            return HealthResult.of(e);
        }
    }

    @Override
    public Set<String> inboundPaths() {
        return Set.of(WebhookReceiver.PATH);
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        if (unconfigured != null) {
            return InboundResponse.unauthorized("this Asana instance is not configured");
        }
        if (!WebhookReceiver.PATH.equals(request.path())) {
            return InboundResponse.problem(404, "Not Found", "no Asana endpoint " + request.path());
        }
        return receiver.handle(request);
    }

    private void requireConfigured() throws IntegrationException {
        if (unconfigured != null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, unconfigured, null);
        }
    }

    @Override
    public String toString() {
        return "AsanaIntegration[" + descriptor.name() + ", project " + project + "]";
    }

    /** @return the version of this bundle ("0.0.0" outside OSGi, e.g. in unit tests) */
    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(AsanaIntegration.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
