package org.integrationhub.connector.teams.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One Teams channel instance: a factory configuration of PID {@value TeamsIntegration#FACTORY_PID}, e.g.
 * {@code etc/org.integrationhub.connector.teams-support.cfg}. Keys are fixed by CONTRACT.md (method name {@code _}
 * → {@code .}, a leading {@code _} makes the key private and so a secret).
 */
@ObjectClassDefinition(name = "Integration Hub Microsoft Teams connector",
        description = "One Teams channel: Adaptive Card ticket notifications through a Workflows webhook, or a "
                + "two-way Teams bot with card buttons and messages.")
public @interface TeamsConfiguration {

    @AttributeDefinition(name = "Instance name", description = "Unique name of this Teams instance in the hub "
            + "([a-z0-9][a-z0-9_-]*), e.g. teams-support.")
    String integration_name() default "teams";

    @AttributeDefinition(name = "Mode", description = "workflow: post cards to a Teams Workflows webhook "
            + "(one-way); bot: a Teams bot posts and updates one card per ticket and takes card actions and messages.",
            options = {@Option(label = "Workflows webhook", value = TeamsIntegration.MODE_WORKFLOW),
                    @Option(label = "Bot", value = TeamsIntegration.MODE_BOT)})
    String mode() default TeamsIntegration.MODE_WORKFLOW;

    @AttributeDefinition(name = "Workflows webhook URL", type = AttributeType.PASSWORD, description = "workflow "
            + "mode: the URL of the channel's 'Send webhook alerts to a channel' workflow (it carries its own "
            + "signature and is a credential), or env:VARIABLE.")
    String _webhook_url() default "";

    @AttributeDefinition(name = "Bot app id", description = "bot mode: the Microsoft App ID of the Azure Bot.")
    String app_id() default "";

    @AttributeDefinition(name = "Bot app secret", type = AttributeType.PASSWORD, description = "bot mode: a "
            + "client secret of the bot's app registration, or env:VARIABLE.")
    String _app_secret() default "";

    @AttributeDefinition(name = "Tenant id", description = "bot mode: the Entra tenant of a single-tenant bot; "
            + "botframework.com for a multi-tenant bot.")
    String tenant_id() default "botframework.com";

    @AttributeDefinition(name = "Conversation id", description = "bot mode: the channel conversation the bot "
            + "posts ticket cards into, e.g. 19:abc...@thread.tacv2.")
    String conversation_id() default "";

    @AttributeDefinition(name = "Service URL", description = "bot mode: the Bot Connector service URL of the "
            + "tenant's Teams, as Teams sends it in activities (serviceUrl).")
    String service_url() default "https://smba.trafficmanager.net/teams/";

    @AttributeDefinition(name = "Login URL", description = "bot mode: base URL of the Microsoft identity "
            + "platform that issues the bot's tokens; change only for tests or proxies (the token's scope is "
            + "Bot Framework's public cloud one: national clouds are not supported).")
    String login_url() default "https://login.microsoftonline.com";

    @AttributeDefinition(name = "OpenID metadata URL", description = "bot mode: where the keys that sign "
            + "Bot Framework requests are published; change only for tests or proxies (tokens must be issued by "
            + "https://api.botframework.com).")
    String openid_metadata_url() default "https://login.botframework.com/v1/.well-known/openidconfiguration";

    @AttributeDefinition(name = "Events", description = "Event types this instance receives (wire names, or *).")
    String[] integration_events() default {"*"};

    @AttributeDefinition(name = "Minimum priority", description = "Only tickets of at least this priority (low, "
            + "normal, high, urgent) get a card; empty for all.", required = false)
    String integration_min_priority() default "";

    @AttributeDefinition(name = "Call timeout (ms)", description = "Time limit of one call to Teams.", min = "100")
    int timeout_millis() default 5000;

    String webconsole_configurationFactory_nameHint() default "Teams {integration.name} ({mode})";
}
