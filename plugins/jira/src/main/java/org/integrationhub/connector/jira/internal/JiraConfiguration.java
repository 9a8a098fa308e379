package org.integrationhub.connector.jira.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Jira Cloud site and project: a factory configuration of PID {@value JiraIntegration#FACTORY_PID}, e.g.
 * {@code etc/org.integrationhub.connector.jira-eng.cfg}. Method names map to keys ({@code _} → {@code .}); a leading
 * {@code _} makes the key private ({@code .api.token}), so DS never publishes it as a service property.
 */
@ObjectClassDefinition(name = "Integration Hub Jira Cloud connector",
        description = "One Jira Cloud project: an issue per ticket, comments both ways, ticket status following the issue.")
public @interface JiraConfiguration {

    @AttributeDefinition(name = "Instance name", description = "Unique name of this Jira instance in the hub "
            + "([a-z0-9][a-z0-9_-]*), e.g. jira-eng.")
    String integration_name() default "jira";

    @AttributeDefinition(name = "Events", description = "Event types this instance receives (wire names, or *). "
            + "ticket.created opens the issue, comment.added adds comments; others are ignored.")
    String[] integration_events() default {"*"};

    @AttributeDefinition(name = "Minimum priority", description = "Only tickets of at least this priority "
            + "(low, normal, high, urgent) get an issue and their comments; empty for all.", required = false)
    String integration_min_priority() default "";

    @AttributeDefinition(name = "Site URL", description = "The Jira Cloud site, e.g. https://acme.atlassian.net "
            + "(with a scoped API token: https://api.atlassian.com/ex/jira/<cloudId>). Issue links are "
            + "<site>/browse/<KEY>.")
    String api_url() default "https://your-site.atlassian.net";

    @AttributeDefinition(name = "Account e-mail", description = "E-mail address of the Atlassian account the API "
            + "token belongs to (Basic auth user).")
    String email() default "";

    @AttributeDefinition(name = "API token", type = AttributeType.PASSWORD, description = "The account's API "
            + "token (id.atlassian.com → Security → API tokens), or env:VARIABLE.")
    String _api_token() default "";

    @AttributeDefinition(name = "Project key", description = "Key of the project issues are created in, e.g. HELP.")
    String project_key() default "";

    @AttributeDefinition(name = "Issue type", description = "Name of the issue type of new issues.")
    String issue_type() default "Task";

    @AttributeDefinition(name = "Labels", description = "Labels of new issues besides helpdesk and "
            + "ticket-<ticket id>, separated by commas or spaces (Jira labels cannot contain spaces).")
    String[] labels() default {"helpdesk"};

    @AttributeDefinition(name = "Webhook secret", type = AttributeType.PASSWORD, description = "The secret of the "
            + "Jira admin webhook that calls /integrations/jira/webhook (X-Hub-Signature), or env:VARIABLE. "
            + "Without it every webhook is refused.")
    String _webhook_secret() default "";

    @AttributeDefinition(name = "Send internal comments", description = "Also copy internal (agent-only) "
            + "ticket comments to the issue.")
    boolean comments_internal() default false;

    @AttributeDefinition(name = "Quota (requests/second)", description = "Requests per second to Jira; the "
            + "gateway never exceeds it.", min = "1")
    int rate_per_second() default 10;

    @AttributeDefinition(name = "Call timeout (ms)", description = "Time limit of one Jira REST call; keep it "
            + "below the gateway's time limit.", min = "100")
    int timeout_millis() default 8000;

    @AttributeDefinition(name = "Search consistency wait (s)", description = "After a create call whose answer "
            + "was lost, how long a search that finds no issue labelled ticket-<id> is distrusted (Jira's search "
            + "index lags writes by seconds) before the issue is created again.", min = "0")
    int create_search_wait_seconds() default 30;

    String webconsole_configurationFactory_nameHint() default "Jira {integration.name} → {project.key}";
}
