package org.integrationhub.connector.jira.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.integrationhub.api.HubEvent;
import org.integrationhub.connector.jira.internal.client.JiraClient;
import org.integrationhub.connector.jira.internal.inbound.JiraWebhooks;
import org.integrationhub.connector.jira.internal.inbound.WebhookVerifier;
import org.integrationhub.connector.jira.internal.sync.CommentSync;
import org.integrationhub.connector.jira.internal.sync.IssueSync;
import org.integrationhub.connector.jira.internal.sync.StatusFollower;
import org.integrationhub.connector.jira.internal.sync.SyncState;
import org.integrationhub.connector.jira.internal.sync.TicketLocks;
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

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One Jira Cloud project: an {@link IntegrationInterface} per factory configuration. {@code ticket.created} (or a
 * priority raised into the instance's minimum) opens the ticket's issue ({@link IssueSync}), {@code comment.added} copies the comment ({@link CommentSync}); Jira's
 * webhooks at {@code /integrations/jira/webhook} bring comments and status changes back ({@link JiraWebhooks});
 * actions {@code create_issue}, {@code link_issue}, {@code sync_comments}; health is {@code GET /rest/api/3/myself}.
 */
@Component(service = IntegrationInterface.class, configurationPid = JiraIntegration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = IntegrationInterface.TYPE_PROPERTY + "=jira")
@Designate(ocd = JiraConfiguration.class, factory = true)
public class JiraIntegration implements IntegrationInterface, InboundHandler {

    static final String FACTORY_PID = "org.integrationhub.connector.jira";
    static final String TYPE = "jira";
    static final String WEBHOOK = "webhook";
    static final String API_TOKEN = ".api.token";
    static final String WEBHOOK_SECRET = ".webhook.secret";
    static final List<ActionDescriptor> ACTIONS = List.of(
            new ActionDescriptor(JiraActions.CREATE_ISSUE, "Creates the ticket's issue unless it has one "
                    + "(optional project and issue_type override the configured ones)", List.of("ticket_id")),
            new ActionDescriptor(JiraActions.LINK_ISSUE, "Links an existing issue (key) to the ticket",
                    List.of("ticket_id", "key")),
            new ActionDescriptor(JiraActions.SYNC_COMMENTS, "Sends the ticket's comments missing in Jira and "
                    + "imports the issue's comments missing in the hub", List.of("ticket_id")));

    private final Logger logger = LoggerFactory.getLogger(JiraIntegration.class);
    private final IntegrationDescriptor descriptor;
    private final String unconfigured;
    private final boolean webhookSecretSet;
    private final JiraClient jira;
    private final TicketLocks locks;
    private final IssueSync issues;
    private final CommentSync comments;
    private final JiraWebhooks webhooks;
    private final JiraActions actions;
    private volatile String ownAccountId = "";

    @Activate
    public JiraIntegration(@Reference IntegrationContext context, @Reference LinkStore links,
            JiraConfiguration config) {
        this(context, links, config, Clock.systemUTC());
    }

    JiraIntegration(IntegrationContext context, LinkStore links, JiraConfiguration config, Clock clock) {
        String name = config.integration_name();
        this.descriptor = new IntegrationDescriptor(name, TYPE, bundleVersion(), ACTIONS,
                VendorQuota.perSecond(Math.max(1, config.rate_per_second())), Set.of(API_TOKEN, WEBHOOK_SECRET));
        JiraSettings settings = JiraSettings.of(config, context::resolveSecret);
        this.unconfigured = settings.problem();
        this.webhookSecretSet = !settings.webhookSecret().isEmpty();
        ObjectMapper json = new ObjectMapper();
        this.jira = new JiraClient(context.httpClient(), settings.siteUrl(), settings.email(), settings.apiToken(),
                Duration.ofMillis(config.timeout_millis()), json, clock);
        SyncState state = new SyncState(links, name);
        this.locks = new TicketLocks(Duration.ofMillis(Math.max(5000, config.timeout_millis())));
        this.issues = new IssueSync(jira, state, settings.template(), context::ticketUrl,
                Duration.ofSeconds(config.create_search_wait_seconds()), clock);
        this.comments = new CommentSync(jira, state, context::tickets, this::ownAccountId,
                config.comments_internal());
        this.webhooks = new JiraWebhooks(new WebhookVerifier(settings.webhookSecret()), state, locks, comments,
                new StatusFollower(state, context::tickets), json);
        this.actions = new JiraActions(context::tickets, state, locks, issues, comments, settings.template());
        if (unconfigured != null) {
            context.reportStatus(name, HealthResult.unconfigured(unconfigured));
            logger.warn("Jira instance '{}' is not usable: {}", name, unconfigured);
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
                locked(event.ticketId(), () -> issues.ensureIssue(event.ticket()));
            }
            case TICKET_UPDATED -> {
                // raised into integration.min.priority (the gateway delivers only tickets at or above it): escalate
                if (event.changedFields().contains("priority") && event.ticket().status().isActive()) {
                    requireConfigured();
                    locked(event.ticketId(), () -> issues.ensureIssue(event.ticket()));
                }
            }
            case COMMENT_ADDED -> {
                if (event.comment() != null) {
                    requireConfigured();
                    locked(event.ticketId(), () -> comments.send(event.comment()));
                }
            }
            default -> {
                // status, priority and rating changes stay in the hub: the issue's status leads, not the ticket's
            }
        }
    }

    @Override
    public HealthResult checkHealth() {
        if (unconfigured != null) {
            return HealthResult.unconfigured(unconfigured);
        }
        try {
            JiraClient.Myself me = jira.myself();
            ownAccountId = me.accountId();
            String who = "authenticated as " + (me.displayName().isBlank() ? me.accountId() : me.displayName());
            return webhookSecretSet ? HealthResult.online(who)
                    : HealthResult.degraded(who + "; no " + WEBHOOK_SECRET + ": Jira webhooks are refused");
        } catch (IntegrationException e) {
            return HealthResult.of(e);
        }
    }

    @Override
    public Set<String> inboundPaths() {
        return Set.of(WEBHOOK);
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        if (!WEBHOOK.equals(request.path())) {
            return InboundResponse.problem(404, "Not Found", "no Jira endpoint " + request.path());
        }
        return webhooks.handle(request);
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

    /**
     * @return the connector's own Jira account id (its comments never come back), learnt by the health check or
     *         here on first need; "" while Jira cannot be asked
     */
    private String ownAccountId() {
        if (ownAccountId.isEmpty() && unconfigured == null) {
            try {
                ownAccountId = jira.myself().accountId();
            } catch (IntegrationException e) {
                logger.debug("Jira: own account not known yet: {}", e.getMessage());
            }
        }
        return ownAccountId;
    }

    private void requireConfigured() throws IntegrationException {
        if (unconfigured != null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, unconfigured, null);
        }
    }

    /** @return the version of this bundle ("0.0.0" outside OSGi, e.g. in unit tests) */
    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(JiraIntegration.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
