package org.integrationhub.connector.hubspot.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One HubSpot account: a factory configuration of PID {@value HubSpotIntegration#FACTORY_PID}, e.g.
 * {@code etc/org.integrationhub.connector.hubspot-crm.cfg}. Method names map to keys ({@code _} → {@code .}; a
 * leading {@code _} makes the key private, so DS never publishes the secret as a service property).
 */
@ObjectClassDefinition(name = "Integration Hub HubSpot connector",
        description = "One HubSpot account: customers enriched from its contacts (company, phone, lifecycle stage, "
                + "revenue), kept up to date by its signed contact webhooks.")
public @interface HubSpotConfiguration {

    @AttributeDefinition(name = "Instance name", description = "Unique name of this HubSpot instance in the hub "
            + "([a-z0-9][a-z0-9_-]*), e.g. hubspot-crm.")
    String integration_name() default "hubspot";

    @AttributeDefinition(name = "Events", description = "Event types this instance receives (ticket.created, "
            + "ticket.updated, ticket.resolved, ticket.closed, comment.added, rating.received), or * for all; "
            + "only ticket.created makes it act.")
    String[] integration_events() default {"*"};

    @AttributeDefinition(name = "Minimum priority", description = "Only tickets of at least this priority (low, "
            + "normal, high, urgent); empty for all.", required = false)
    String integration_min_priority() default "";

    @AttributeDefinition(name = "HubSpot API URL", description = "Base URL of the HubSpot API; change only for "
            + "tests or a proxy.")
    String api_url() default "https://api.hubapi.com";

    @AttributeDefinition(name = "Access token", type = AttributeType.PASSWORD, description = "The static access "
            + "token of the HubSpot app installed in the account (scope crm.objects.contacts.read), or "
            + "env:VARIABLE.")
    String _access_token() default "";

    @AttributeDefinition(name = "Client secret", type = AttributeType.PASSWORD, description = "The app's client "
            + "secret, or env:VARIABLE; verifies the X-HubSpot-Signature-v3 of every webhook request. Without it "
            + "webhook requests are refused.", required = false)
    String _client_secret() default "";

    @AttributeDefinition(name = "Requests per 10 seconds", description = "The account's API limit per app: 100 on "
            + "Free and Starter, 190 on Professional and Enterprise, 250 with the capacity pack. The gateway never "
            + "sends more.", min = "1")
    int requests_per_10_seconds() default 100;

    @AttributeDefinition(name = "Call timeout (ms)", description = "Time limit of one HubSpot API call; keep it "
            + "below the gateway's time limit (10 s).", min = "100")
    int timeout_millis() default 5000;

    String webconsole_configurationFactory_nameHint() default "HubSpot {integration.name}";
}
