package org.integrationhub.connector.salesforce.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Salesforce org: a factory configuration of PID {@value SalesforceIntegration#FACTORY_PID}, e.g.
 * {@code etc/org.integrationhub.connector.salesforce-crm.cfg}. Method names map to keys ({@code _} → {@code .}); a
 * leading {@code _} makes the key private ({@code .private.key}), so DS never publishes it as a service property.
 */
@ObjectClassDefinition(name = "Integration Hub Salesforce connector",
        description = "One Salesforce org: the customer's Contact by e-mail (external id, company), a Case per ticket "
                + "whose status follows the ticket. OAuth 2.0 JWT bearer flow of an External Client App.")
public @interface SalesforceConfiguration {

    @AttributeDefinition(name = "Instance name", description = "Unique name of this Salesforce instance in the hub "
            + "([a-z0-9][a-z0-9_-]*), e.g. salesforce.")
    String integration_name() default "salesforce";

    @AttributeDefinition(name = "Events", description = "Event types this instance receives (wire names, or *). "
            + "ticket.created syncs the customer and opens the Case; ticket.resolved, ticket.closed and a reopening "
            + "ticket.updated set the Case's status; others are ignored.")
    String[] integration_events() default {"*"};

    @AttributeDefinition(name = "Minimum priority", description = "Only tickets of at least this priority "
            + "(low, normal, high, urgent) reach Salesforce; empty for all.", required = false)
    String integration_min_priority() default "";

    @AttributeDefinition(name = "Login URL", description = "Where tokens are minted: https://login.salesforce.com "
            + "(production), https://test.salesforce.com (sandbox) or the org's My Domain URL. API calls go to the "
            + "instance_url of the token answer.")
    String login_url() default "https://login.salesforce.com";

    @AttributeDefinition(name = "Consumer key", description = "The consumer key (client id) of the External Client "
            + "App with the JWT bearer flow enabled: the JWT's iss.")
    String client_id() default "";

    @AttributeDefinition(name = "Username", description = "The Salesforce user the hub acts as (pre-authorised for "
            + "the app): the JWT's sub.")
    String username() default "";

    @AttributeDefinition(name = "Private key", type = AttributeType.PASSWORD, description = "The RSA private key whose "
            + "certificate is uploaded to the app: PEM text (PKCS#8 'BEGIN PRIVATE KEY' or PKCS#1 'BEGIN RSA PRIVATE "
            + "KEY', unencrypted), file:<path> of such a file, or env:VARIABLE.")
    String _private_key() default "";

    @AttributeDefinition(name = "Audience", description = "The JWT's aud; empty: https://test.salesforce.com for a "
            + "sandbox login URL, https://login.salesforce.com for any other salesforce.com login URL, else the "
            + "login URL itself.", required = false)
    String audience() default "";

    @AttributeDefinition(name = "API version", description = "REST API version, e.g. v62.0 (GET <instance>/services/"
            + "data/ lists the org's).")
    String api_version() default "v62.0";

    @AttributeDefinition(name = "Create Cases", description = "Open a Case for each new ticket (else only the "
            + "customer is synced).")
    boolean create_case() default true;

    @AttributeDefinition(name = "Case origin", description = "The Case's Origin; a value of the org's Case Origin "
            + "picklist (add Helpdesk to it, or name another value).")
    String case_origin() default "Helpdesk";

    @AttributeDefinition(name = "Case priorities", description = "Ticket priority → the org's Case Priority picklist "
            + "value, as priority=value pairs separated by commas.")
    String case_priorities() default "urgent=High,high=High,normal=Medium,low=Low";

    @AttributeDefinition(name = "Status when resolved", description = "The Case Status set when the ticket is "
            + "resolved; empty leaves the Case as it is.", required = false)
    String case_status_resolved() default "Closed";

    @AttributeDefinition(name = "Status when closed", description = "The Case Status set when the ticket is "
            + "closed; empty leaves the Case as it is.", required = false)
    String case_status_closed() default "Closed";

    @AttributeDefinition(name = "Status when reopened", description = "The Case Status set when a resolved or "
            + "closed ticket is reopened; empty leaves the Case as it is.", required = false)
    String case_status_reopened() default "Working";

    @AttributeDefinition(name = "Quota (requests/second)", description = "Requests per second to Salesforce, set by "
            + "the operator: Salesforce has no per-second limit but a daily allocation per org.", min = "1")
    int rate_per_second() default 10;

    @AttributeDefinition(name = "Wait after the API limit (s)", description = "How long deliveries wait after "
            + "Salesforce answers REQUEST_LIMIT_EXCEEDED for the org's daily allocation.", min = "1")
    int limit_wait_seconds() default 1800;

    @AttributeDefinition(name = "Call timeout (ms)", description = "Time limit of one Salesforce call; keep it below "
            + "the gateway's time limit.", min = "100")
    int timeout_millis() default 8000;

    @AttributeDefinition(name = "Create settle time (s)", description = "After a Case create call whose answer was "
            + "lost, how long a query that finds no Case of the ticket is distrusted (the call may still be running "
            + "in Salesforce) before the Case is created again.", min = "0")
    int create_settle_seconds() default 30;

    String webconsole_configurationFactory_nameHint() default "Salesforce {integration.name} as {username}";
}
