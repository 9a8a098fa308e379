package org.integrationhub.connector.trello.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Trello board instance: a factory configuration of PID {@value TrelloIntegration#FACTORY_PID}, e.g.
 * {@code etc/org.integrationhub.connector.trello-support.cfg}. Method names map to keys ({@code _} → {@code .}; a
 * leading {@code _} makes the key private, so DS never publishes the secret as a service property).
 */
@ObjectClassDefinition(name = "Integration Hub Trello connector",
        description = "One Trello board: a card per ticket, comments and status kept in step both ways.")
public @interface TrelloConfiguration {

    @AttributeDefinition(name = "Instance name", description = "Unique name of this Trello instance in the hub "
            + "([a-z0-9][a-z0-9_-]*), e.g. trello-support.")
    String integration_name() default "trello";

    @AttributeDefinition(name = "Events", description = "Event types this instance receives (ticket.created, "
            + "ticket.updated, ticket.resolved, ticket.closed, comment.added, rating.received), or * for all.")
    String[] integration_events() default {"*"};

    @AttributeDefinition(name = "Minimum priority", description = "Only tickets of at least this priority (low, "
            + "normal, high, urgent); empty for all.", required = false)
    String integration_min_priority() default "";

    @AttributeDefinition(name = "Trello API URL", description = "Base URL of the Trello REST API; change only for "
            + "tests or a proxy.")
    String api_url() default "https://api.trello.com/1";

    @AttributeDefinition(name = "API key", description = "The API key of the Trello Power-Up "
            + "(https://trello.com/power-ups/admin, tab API Key).")
    String api_key() default "";

    @AttributeDefinition(name = "API token", type = AttributeType.PASSWORD, description = "A user token for the "
            + "API key (read,write), or env:VARIABLE. Cards and comments appear as this Trello member; its own "
            + "actions are never synced back.")
    String _api_token() default "";

    @AttributeDefinition(name = "API secret", type = AttributeType.PASSWORD, description = "The Power-Up's secret "
            + "(API Key tab), or env:VARIABLE; verifies the X-Trello-Webhook signature of every webhook request.",
            required = false)
    String _api_secret() default "";

    @AttributeDefinition(name = "Board", description = "Id of the board the cards live on (24 hex characters; "
            + "the board's JSON at https://trello.com/b/<shortLink>.json carries it).")
    String board() default "";

    @AttributeDefinition(name = "List for new tickets", description = "Id of the list new and reopened tickets' "
            + "cards go to.")
    String list_new() default "";

    @AttributeDefinition(name = "List for resolved tickets", description = "Id of the list resolved and closed "
            + "tickets' cards move to; a card moved there in Trello resolves its ticket.")
    String list_done() default "";

    @AttributeDefinition(name = "Call timeout (ms)", description = "Time limit of one Trello API call; keep it "
            + "below the gateway's time limit.", min = "100")
    int timeout_millis() default 5000;

    String webconsole_configurationFactory_nameHint() default "Trello {integration.name} → board {board}";
}
