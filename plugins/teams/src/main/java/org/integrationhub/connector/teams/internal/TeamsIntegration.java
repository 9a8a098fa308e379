package org.integrationhub.connector.teams.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.api.HubEvent;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Microsoft Teams channel: an {@link IntegrationInterface} per factory configuration. In {@code workflow} mode it
 * posts an Adaptive Card per event to a Teams Workflows webhook; in {@code bot} mode it posts one card per ticket as
 * the bot and updates it as the ticket changes, and serves {@code POST /integrations/teams/messages} (Bot Framework
 * activities, JWT-verified): card buttons and the messages {@code status}, {@code close}, {@code ticket},
 * {@code help}. Offers the action {@code post_message}.
 */
@Component(service = IntegrationInterface.class, configurationPid = TeamsIntegration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = IntegrationInterface.TYPE_PROPERTY + "=teams")
@Designate(ocd = TeamsConfiguration.class, factory = true)
public class TeamsIntegration implements IntegrationInterface, InboundHandler {

    static final String FACTORY_PID = "org.integrationhub.connector.teams";
    static final String TYPE = "teams";
    static final String MESSAGES = "messages";
    static final String POST_MESSAGE = "post_message";
    static final String MODE_WORKFLOW = "workflow";
    static final String MODE_BOT = "bot";
    /** Configuration keys of the secrets: private (leading dot), so DS never publishes them as service properties. */
    static final String WEBHOOK_URL = ".webhook.url";
    static final String APP_SECRET = ".app.secret";

    private final Logger logger = LoggerFactory.getLogger(TeamsIntegration.class);
    private final IntegrationDescriptor descriptor;
    private final String mode;
    private final String unconfigured;
    private final String serviceUrl;
    private final String conversationId;
    private final WorkflowClient workflow;
    private final BotTokens tokens;
    private final BotConnector connector;
    private final BotTokenVerifier verifier;
    private final BotActivities activities;
    private final CardNotifier notifier;

    @Activate
    public TeamsIntegration(@Reference IntegrationContext context, @Reference LinkStore links,
            TeamsConfiguration config) {
        this(context, links, config, Clock.systemUTC());
    }

    TeamsIntegration(IntegrationContext context, LinkStore links, TeamsConfiguration config, Clock clock) {
        String name = config.integration_name();
        this.mode = config.mode() == null ? "" : config.mode().trim().toLowerCase(java.util.Locale.ROOT);
        this.descriptor = new IntegrationDescriptor(name, TYPE, bundleVersion(),
                List.of(new ActionDescriptor(POST_MESSAGE, "Posts a text message to the Teams channel",
                        List.of("text"))),
                VendorQuota.perSecond(2), Set.of(WEBHOOK_URL, APP_SECRET));
        TeamsHttp http = new TeamsHttp(context.httpClient(), Duration.ofMillis(config.timeout_millis()));
        String webhookUrl = context.resolveSecret(config._webhook_url()).trim();
        String appSecret = context.resolveSecret(config._app_secret());
        this.serviceUrl = config.service_url().trim();
        this.conversationId = config.conversation_id().trim();
        String problem = problem(webhookUrl, config.app_id(), appSecret);
        this.unconfigured = problem;
        boolean workflowReady = problem == null && MODE_WORKFLOW.equals(mode);
        boolean botReady = problem == null && MODE_BOT.equals(mode);
        this.workflow = workflowReady ? new WorkflowClient(http, webhookUrl) : null;
        this.tokens = botReady ? new BotTokens(http, config.login_url(), blankTo(config.tenant_id(),
                "botframework.com"), config.app_id().trim(), appSecret, clock) : null;
        this.connector = botReady ? new BotConnector(http, tokens) : null;
        this.verifier = botReady ? new BotTokenVerifier(new BotKeys(http, config.openid_metadata_url(), clock),
                config.app_id().trim(), clock) : null;
        this.activities = botReady ? new BotActivities(context::tickets, connector, context::ticketUrl) : null;
        this.notifier = problem != null ? null : new CardNotifier(name, botReady ? botSink() : workflowSink(), links,
                context::ticketUrl);
        if (problem != null) {
            context.reportStatus(name, HealthResult.unconfigured(problem));
            logger.warn("Teams instance '{}' is not usable: {}", name, problem);
        }
    }

    private String problem(String webhookUrl, String appId, String appSecret) {
        if (MODE_WORKFLOW.equals(mode)) {
            return WorkflowClient.problem(webhookUrl);
        }
        if (!MODE_BOT.equals(mode)) {
            return "mode must be workflow or bot";
        }
        if (appId == null || appId.isBlank()) {
            return "app.id is not set";
        }
        if (appSecret.isBlank()) {
            return APP_SECRET + " is not set";
        }
        if (conversationId.isEmpty()) {
            return "conversation.id is not set";
        }
        return WorkflowClient.problem(serviceUrl) == null ? null : "service.url must be an absolute https URL";
    }

    private CardNotifier.Sink workflowSink() {
        return new CardNotifier.Sink() {
            @Override
            public String post(ObjectNode message) throws IntegrationException {
                workflow.post(message);
                return null;
            }

            @Override
            public void update(String messageId, ObjectNode message) {
                throw new UnsupportedOperationException("a Workflows post cannot be updated");
            }

            @Override
            public boolean updatable() {
                return false;
            }

            @Override
            public String messageUrl(String messageId) {
                return "";
            }
        };
    }

    private CardNotifier.Sink botSink() {
        return new CardNotifier.Sink() {
            @Override
            public String post(ObjectNode message) throws IntegrationException {
                return connector.send(serviceUrl, conversationId, message);
            }

            @Override
            public void update(String messageId, ObjectNode message) throws IntegrationException {
                connector.update(serviceUrl, conversationId, messageId, message);
            }

            @Override
            public boolean updatable() {
                return true;
            }

            @Override
            public String messageUrl(String messageId) {
                return CardNotifier.channelMessageUrl(conversationId, messageId);
            }
        };
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        if (!POST_MESSAGE.equals(request.action())) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "unknown action " + request.action(), null);
        }
        requireConfigured();
        Object text = request.params().get("text");
        if (!(text instanceof String s) || s.isBlank()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "text must be a non-empty string", null);
        }
        if (workflow != null) {
            workflow.post(TicketCard.message(TicketCard.text(s)));
            return new ActionResult(Map.of("posted", true));
        }
        ObjectNode activity = Json.object().put("type", "message").put("text", s).put("textFormat", "plain");
        return new ActionResult(Map.of("posted", true, "message_id", connector.send(serviceUrl, conversationId,
                activity)));
    }

    @Override
    public void onEvent(HubEvent event) throws IntegrationException {
        if (!event.type().isTicketEvent()) {
            return; // customer.updated (only when listed): a channel shows tickets
        }
        requireConfigured();
        notifier.onEvent(event);
    }

    @Override
    public HealthResult checkHealth() {
        if (unconfigured != null) {
            return HealthResult.unconfigured(unconfigured);
        }
        if (workflow != null) {
            return HealthResult.online("Workflows webhook URL configured (Teams reports nothing back: check the "
                    + "flow's run history when cards do not show)");
        }
        try {
            tokens.refresh();
            return HealthResult.online("bot token obtained; posting to conversation " + conversationId);
        } catch (IntegrationException e) {
            return HealthResult.of(e);
        }
    }

    @Override
    public Set<String> inboundPaths() {
        return Set.of(MESSAGES);
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        if (verifier == null) {
            return InboundResponse.unauthorized(unconfigured != null ? "this Teams instance is not configured"
                    : "this Teams instance runs in workflow mode and takes no requests");
        }
        BotTokenVerifier.Verified token;
        try {
            token = verifier.verify(request.header("Authorization"));
        } catch (BotTokenVerifier.Refused e) {
            return InboundResponse.unauthorized(e.getMessage());
        } catch (IntegrationException e) {
            logger.warn("Teams instance '{}' cannot verify requests: {}", descriptor.name(), e.getMessage());
            return InboundResponse.unauthorized("the Bot Framework signing keys are unavailable");
        }
        JsonNode activity = Json.parse(request.body());
        if (!activity.isObject()) {
            // verified, but not an activity: do not hand it to another instance
            return InboundResponse.problem(400, "Bad Request", "the body is not a Bot Framework activity");
        }
        try {
            BotTokenVerifier.checkActivity(token, activity.path("serviceUrl").asText(null),
                    activity.path("channelId").asText(null));
        } catch (BotTokenVerifier.Refused e) {
            return InboundResponse.unauthorized(e.getMessage());
        }
        if (!"POST".equals(request.method())) {
            return InboundResponse.problem(405, "Method Not Allowed", "Bot Framework sends POST requests");
        }
        return activities.handle(activity);
    }

    private void requireConfigured() throws IntegrationException {
        if (unconfigured != null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, unconfigured, null);
        }
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    @Override
    public String toString() {
        return "TeamsIntegration[" + descriptor.name() + ", " + mode + "]";
    }

    /** @return the version of this bundle ("0.0.0" outside OSGi, e.g. in unit tests) */
    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(TeamsIntegration.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
