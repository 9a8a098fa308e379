#set( $symbol_pound = '#' )
package ${package}.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One ${connectorType} instance: a factory configuration of PID {@value ${connectorName}Integration${symbol_pound}PID}, e.g.
 * {@code etc/org.integrationhub.connector.${connectorType}-demo.cfg}, {@code hub:integration-add ${connectorType} demo ...}
 * or the web console's form. Method names map to keys: {@code _} becomes {@code .}, and a leading {@code _} makes
 * the key private ({@code .token}): DS never publishes it as a service property, so no listing shows it.
 */
@ObjectClassDefinition(name = "Integration Hub connector: ${connectorType}",
        description = "Sends hub events and the send_message action to the ${connectorName} API, and takes comments back from its webhook.")
public @interface ${connectorName}Config {

    @AttributeDefinition(name = "Name", description = "Instance name, unique in the hub: [a-z0-9][a-z0-9_-]*")
    String integration_name();

    @AttributeDefinition(name = "Events", description = "Event types this instance receives (ticket.created, ticket.updated, ticket.resolved, ticket.closed, comment.added, rating.received), or * for all; empty for none.")
    String[] integration_events() default {"*"};

    @AttributeDefinition(name = "Minimum priority", description = "Only events of tickets with at least this priority (low, normal, high, urgent); empty for all.", required = false)
    String integration_min_priority() default "";

    @AttributeDefinition(name = "API URL", description = "Base URL of the ${connectorName} API (point it at a proxy or a test server to try things out).")
    String api_url() default ${connectorName}Integration.DEFAULT_API_URL;

    @AttributeDefinition(name = "API token", description = "Sent as Authorization: Bearer; env:NAME reads the environment variable NAME.", type = AttributeType.PASSWORD)
    String _token();

    @AttributeDefinition(name = "Webhook secret", description = "Key of the HMAC-SHA256 signature of requests to /integrations/${connectorType}/webhook; empty refuses every request. env:NAME reads the environment variable NAME.", type = AttributeType.PASSWORD, required = false)
    String _webhook_secret() default "";

    @AttributeDefinition(name = "Request timeout (ms)", description = "Timeout of one API request; keep it below the gateway's time limit (10 s by default).", min = "1")
    long timeout_millis() default 5000;

    String webconsole_configurationFactory_nameHint() default "{integration.name} → {api.url}";
}
