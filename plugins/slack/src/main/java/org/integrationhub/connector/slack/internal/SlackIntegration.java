package org.integrationhub.connector.slack.internal;

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
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Slack workspace: an {@link IntegrationInterface} per factory configuration. Posts ticket events as Block Kit
 * messages with threads ({@link SlackNotifier}), serves slash commands and button clicks at
 * {@code /integrations/slack/commands} and {@code /integrations/slack/interactivity} ({@link InboundHandler}),
 * offers the action {@code post_message}, and checks its health with {@code auth.test}.
 */
@Component(service = IntegrationInterface.class, configurationPid = SlackIntegration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = IntegrationInterface.TYPE_PROPERTY + "=slack")
@Designate(ocd = SlackConfiguration.class, factory = true)
public class SlackIntegration implements IntegrationInterface, InboundHandler {

    static final String FACTORY_PID = "org.integrationhub.connector.slack";
    static final String TYPE = "slack";
    static final String COMMANDS = "commands";
    static final String INTERACTIVITY = "interactivity";
    static final String POST_MESSAGE = "post_message";
    /** Configuration keys of the secrets: private (leading dot), so DS never publishes them as service properties. */
    static final String BOT_TOKEN = ".bot.token";
    static final String SIGNING_SECRET = ".signing.secret";

    private final Logger logger = LoggerFactory.getLogger(SlackIntegration.class);
    private final IntegrationDescriptor descriptor;
    private final String unconfigured;
    private final SlackClient slack;
    private final SlackNotifier notifier;
    private final RequestVerifier verifier;
    private final SlashCommands commands;
    private final Interactions interactions;

    @Activate
    public SlackIntegration(@Reference IntegrationContext context, @Reference LinkStore links,
            SlackConfiguration config) {
        this(context, links, config, Clock.systemUTC());
    }

    SlackIntegration(IntegrationContext context, LinkStore links, SlackConfiguration config, Clock clock) {
        String name = config.integration_name();
        this.descriptor = new IntegrationDescriptor(name, TYPE, bundleVersion(),
                List.of(new ActionDescriptor(POST_MESSAGE, "Posts a text message to a channel", List.of("text"))),
                VendorQuota.per(50, Duration.ofMinutes(1)), Set.of(BOT_TOKEN, SIGNING_SECRET));
        String token = context.resolveSecret(config._bot_token());
        String signingSecret = context.resolveSecret(config._signing_secret());
        ChannelRouter router;
        String problem = token.isBlank() ? BOT_TOKEN + " is not set" : signingSecret.isBlank()
                ? SIGNING_SECRET + " is not set" : null;
        try {
            router = ChannelRouter.of(config.default_channel(), config.routing_rules());
        } catch (IllegalArgumentException e) {
            router = ChannelRouter.of("#support", new String[0]);
            problem = e.getMessage();
        }
        this.unconfigured = problem;
        Duration timeout = Duration.ofMillis(config.timeout_millis());
        java.util.function.Function<String, String> link = context::ticketUrl;
        this.slack = new SlackClient(apiUrl(config), token, timeout);
        this.notifier = new SlackNotifier(name, slack, router, links, link);
        this.verifier = new RequestVerifier(signingSecret, clock);
        DeferredReply replies = new DeferredReply(context.scheduler(), context.httpClient(),
                Duration.ofMillis(config.inline_reply_millis()), timeout);
        this.commands = new SlashCommands(context::tickets, slack, replies, link);
        this.interactions = new Interactions(context::tickets, slack, replies, context.scheduler(), link);
        if (problem != null) {
            context.reportStatus(name, HealthResult.unconfigured(problem));
            logger.warn("Slack instance '{}' is not usable: {}", name, problem);
        }
    }

    @Deactivate
    void deactivate() {
        slack.close();
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ActionResult execute(ActionRequest request) throws IntegrationException {
        requireConfigured();
        if (!POST_MESSAGE.equals(request.action())) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "unknown action " + request.action(), null);
        }
        Object text = request.params().get("text");
        if (!(text instanceof String s) || s.isBlank()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "text must be a non-empty string", null);
        }
        Object channel = request.params().get("channel");
        String target = channel instanceof String c && !c.isBlank() ? c : notifierDefault();
        SlackClient.Posted posted = slack.postMessage(target, null, s, null, null);
        return new ActionResult(Map.of("channel", posted.channel(), "ts", posted.ts()));
    }

    private String notifierDefault() {
        return notifier.defaultChannel();
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
        try {
            return HealthResult.online(slack.authTest());
        } catch (IntegrationException e) {
            return HealthResult.of(e);
        }
    }

    @Override
    public Set<String> inboundPaths() {
        return Set.of(COMMANDS, INTERACTIVITY);
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        String refused = verifier.problem(request);
        if (refused != null) {
            return InboundResponse.unauthorized(refused);
        }
        if (!"POST".equals(request.method())) {
            return InboundResponse.problem(405, "Method Not Allowed", "Slack sends POST requests");
        }
        return switch (request.path()) {
            case COMMANDS -> commands.handle(request.formParameters());
            case INTERACTIVITY -> interactions.handle(request.formParameters().get("payload"));
            default -> InboundResponse.problem(404, "Not Found", "no Slack endpoint " + request.path());
        };
    }

    private void requireConfigured() throws IntegrationException {
        if (unconfigured != null) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, unconfigured, null);
        }
    }

    /** @return the version of this bundle ("0.0.0" outside OSGi, e.g. in unit tests) */
    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(SlackIntegration.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }

    /** {@code api.url}; the former key {@code slack.api.url} counts only while api.url is left at its default. */
    static String apiUrl(SlackConfiguration config) {
        String old = config.slack_api_url();
        boolean apiUrlDefault = config.api_url() == null || config.api_url().isBlank()
                || SlackConfiguration.DEFAULT_API_URL.equals(config.api_url().trim());
        if (apiUrlDefault && old != null && !old.isBlank()) {
            return old.trim();
        }
        return config.api_url() == null || config.api_url().isBlank() ? SlackConfiguration.DEFAULT_API_URL
                : config.api_url().trim();
    }
}
