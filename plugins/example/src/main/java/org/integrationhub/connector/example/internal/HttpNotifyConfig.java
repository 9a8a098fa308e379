package org.integrationhub.connector.example.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One http-notify instance (factory PID {@value HttpNotifyIntegration#PID}); e.g.
 * {@code etc/org.integrationhub.connector.httpnotify-ops.cfg}. Method names map to keys: {@code _} → {@code .},
 * a leading {@code _} makes the key private ({@code .token}: never a service property, so never listed).
 */
@ObjectClassDefinition(name = "Integration Hub connector: http-notify",
        description = "Posts hub events and 'notify' actions as JSON to an HTTP endpoint.")
public @interface HttpNotifyConfig {

    @AttributeDefinition(name = "Name", description = "Instance name, unique in the hub: [a-z0-9][a-z0-9_-]*")
    String integration_name();

    @AttributeDefinition(name = "Events", description = "Event types this instance receives (ticket.created, ticket.updated, ticket.resolved, ticket.closed, comment.added, rating.received), or * for all; empty for none.")
    String[] integration_events() default {"*"};

    @AttributeDefinition(name = "Minimum priority", description = "Only events of tickets with at least this priority (low, normal, high, urgent); empty for all.", required = false)
    String integration_min_priority() default "";

    @AttributeDefinition(name = "Endpoint URL", description = "http(s) URL that receives the JSON posts.")
    String url();

    @AttributeDefinition(name = "Bearer token", description = "Sent as Authorization: Bearer; env:NAME reads an environment variable.", type = AttributeType.PASSWORD, required = false)
    String _token() default "";

    @AttributeDefinition(name = "Quota (requests/second)", description = "The endpoint's documented request quota; the gateway never exceeds it.", min = "1")
    int quotaPerSecond() default 10;

    @AttributeDefinition(name = "Request timeout (ms)", description = "Timeout of one HTTP request; keep it below the gateway's time limit.", min = "1")
    long requestTimeoutMillis() default 5000;

    String webconsole_configurationFactory_nameHint() default "{integration.name} → {url}";
}
