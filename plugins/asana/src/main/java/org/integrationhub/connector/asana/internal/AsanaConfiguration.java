package org.integrationhub.connector.asana.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Asana instance: a factory configuration of PID {@value AsanaIntegration#FACTORY_PID}, e.g.
 * {@code etc/org.integrationhub.connector.asana-support.cfg}. Method names map to keys ({@code _} → {@code .}; a
 * leading {@code _} makes the key private, so it is never published as a service property).
 */
@ObjectClassDefinition(name = "Integration Hub Asana connector",
        description = "A task per ticket in an Asana project, kept in step both ways.")
public @interface AsanaConfiguration {

    @AttributeDefinition(name = "Instance name", description = "Unique name of this Asana instance in the hub "
            + "([a-z0-9][a-z0-9_-]*), e.g. asana-support.")
    String integration_name() default "asana";

    @AttributeDefinition(name = "Events", description = "Event types this instance receives (ticket.created makes "
            + "the task; comment.added, ticket.updated, ticket.resolved and ticket.closed keep it in step), or *.")
    String[] integration_events() default {"*"};

    @AttributeDefinition(name = "Minimum priority", description = "Only tickets of at least this priority (low, "
            + "normal, high, urgent) get a task; empty for all.", required = false)
    String integration_min_priority() default "";

    @AttributeDefinition(name = "Personal access token", type = AttributeType.PASSWORD, description = "An Asana "
            + "personal access token (or a service account's), or env:VARIABLE. Sent as Authorization: Bearer.")
    String _access_token() default "";

    @AttributeDefinition(name = "Workspace", description = "The gid of the Asana workspace the project belongs to.")
    String workspace() default "";

    @AttributeDefinition(name = "Project", description = "The gid of the Asana project that receives the tasks and "
            + "whose changes the webhook reports.")
    String project() default "";

    @AttributeDefinition(name = "Asana API URL", description = "Base URL of the Asana REST API; change only for "
            + "tests or a proxy.")
    String api_url() default "https://app.asana.com/api/1.0";

    @AttributeDefinition(name = "Requests per minute", description = "Asana's quota for the token: 150 on free "
            + "plans, 1500 on paid ones. The gateway never sends more.", min = "1")
    int requests_per_minute() default 150;

    @AttributeDefinition(name = "Call timeout (ms)", description = "Time limit of one Asana API call; keep it below "
            + "the gateway's time limit (10 s).", min = "100")
    int timeout_millis() default 8000;

    String webconsole_configurationFactory_nameHint() default "Asana {integration.name} → project {project}";
}
