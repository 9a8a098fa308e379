package org.integrationhub.connector.slack.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Slack workspace instance: a factory configuration of PID {@value SlackIntegration#FACTORY_PID}, e.g.
 * {@code etc/org.integrationhub.connector.slack-support.cfg}. The "View Ticket" link is the hub-wide
 * {@code ticketUrlTemplate} ({@code IntegrationContext.ticketUrl}); the keys {@code hub.base.url} and
 * {@code ticket.path} of earlier versions are no longer read, and ignored if a configuration still has them.
 */
@ObjectClassDefinition(name = "Integration Hub Slack connector",
        description = "One Slack workspace: ticket notifications, slash commands and buttons.")
public @interface SlackConfiguration {

    @AttributeDefinition(name = "Instance name", description = "Unique name of this Slack instance in the hub "
            + "([a-z0-9][a-z0-9_-]*), e.g. slack-support.")
    String integration_name() default "slack";

    @AttributeDefinition(name = "Bot token", type = AttributeType.PASSWORD, description = "The bot user OAuth "
            + "token (xoxb-...), or env:VARIABLE. Scopes: chat:write, users:read, users:read.email, commands.")
    String _bot_token() default "";

    @AttributeDefinition(name = "Signing secret", type = AttributeType.PASSWORD, description = "The app's "
            + "signing secret (Basic Information page), or env:VARIABLE; verifies every request Slack sends.")
    String _signing_secret() default "";

    @AttributeDefinition(name = "Default channel", description = "Channel of ticket notifications no rule routes.")
    String default_channel() default "#support";

    @AttributeDefinition(name = "Routing rules", description = "EVENTS[:PRIORITIES]=CHANNEL, first match wins, "
            + "e.g. '*:urgent=#support-urgent' or 'ticket.closed=#support-done'. EVENTS and PRIORITIES are "
            + "comma lists or *; several rules in one value are separated by spaces or ';'.")
    String[] routing_rules() default {};

    /** The production Slack Web API. */
    String DEFAULT_API_URL = "https://slack.com/api/";

    @AttributeDefinition(name = "Events", description = "Event types this instance receives (wire names, or *).")
    String[] integration_events() default {"*"};

    @AttributeDefinition(name = "Slack Web API URL", description = "Base URL of the Slack Web API (api.url, the "
            + "key every connector has); change only for tests or a proxy.")
    String api_url() default SlackConfiguration.DEFAULT_API_URL;

    @AttributeDefinition(name = "Slack Web API URL (deprecated)", description = "The former name of api.url, still "
            + "read when api.url is left at its default; use api.url.", required = false)
    String slack_api_url() default "";

    @AttributeDefinition(name = "Call timeout (ms)", description = "Time limit of one Slack Web API call.",
            min = "100")
    int timeout_millis() default 5000;

    @AttributeDefinition(name = "Inline reply limit (ms)", description = "How long a slash command may work "
            + "before the connector acknowledges and sends the result through response_url (Slack allows 3 s).",
            min = "0", max = "2900")
    int inline_reply_millis() default 2000;

    String webconsole_configurationFactory_nameHint() default "Slack {integration.name} → {default.channel}";
}
