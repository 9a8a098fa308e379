package org.integrationhub.connector.datadog.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Datadog instance: a factory configuration of PID {@value DatadogIntegration#FACTORY_PID}, e.g.
 * {@code etc/org.integrationhub.connector.datadog-datadog-prod.cfg}. Method names map to keys ({@code _} →
 * {@code .}; a leading {@code _} makes the key private, so it is never published as a service property).
 */
@ObjectClassDefinition(name = "Integration Hub Datadog connector",
        description = "Submits the helpdesk's ticket gauges to Datadog every interval, from one hub node.")
public @interface DatadogConfiguration {

    @AttributeDefinition(name = "Instance name", description = "Unique name of this Datadog instance in the hub "
            + "([a-z0-9][a-z0-9_-]*), e.g. datadog-prod.")
    String integration_name() default "datadog";

    @AttributeDefinition(name = "API key", type = AttributeType.PASSWORD, description = "A Datadog API key (no "
            + "application key is needed to submit metrics), or env:VARIABLE. Sent as the DD-API-KEY header.")
    String _api_key() default "";

    @AttributeDefinition(name = "Environment", description = "Value of the environment:<value> tag of every series, "
            + "e.g. production or staging (letters, digits, _ - . / :).")
    String environment() default "";

    @AttributeDefinition(name = "Tags", description = "More tags for every series, comma-separated key:value "
            + "pairs, e.g. team:support,region:eu. Keep them few and fixed: each tag combination is a custom metric "
            + "Datadog bills.", required = false)
    String tags() default "";

    @AttributeDefinition(name = "Interval (s)", description = "Seconds between two submissions of the gauges.",
            min = "5", max = "3600")
    int interval_seconds() default 60;

    @AttributeDefinition(name = "Datadog API URL", description = "Base URL of your Datadog site's API: "
            + "https://api.datadoghq.com (US1), https://api.us3.datadoghq.com, https://api.us5.datadoghq.com, "
            + "https://api.datadoghq.eu, https://api.ap1.datadoghq.com, https://api.ap2.datadoghq.com, "
            + "https://api.uk1.datadoghq.com, https://api.ddog-gov.com or https://api.us2.ddog-gov.com.")
    String api_url() default "https://api.datadoghq.com";

    @AttributeDefinition(name = "Call timeout (ms)", description = "Time limit of one Datadog API call; keep it "
            + "below the gateway's time limit (10 s).", min = "100", max = "9000")
    int timeout_millis() default 8000;

    String webconsole_configurationFactory_nameHint() default "Datadog {integration.name} ({environment})";
}
