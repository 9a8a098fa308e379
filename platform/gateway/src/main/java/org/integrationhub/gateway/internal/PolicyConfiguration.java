package org.integrationhub.gateway.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One operator policy (factory configuration {@value #PID}) for one integration, picked up by the gateway. */
@Component(service = PolicyConfiguration.class, configurationPid = PolicyConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PolicyConfiguration.Config.class, factory = true)
public class PolicyConfiguration {

    static final String PID = "org.integrationhub.gateway.policy";

    @ObjectClassDefinition(name = "Integration Hub gateway policy",
            description = "Resilience policy of one connector instance: rate limit, retry, circuit breaker, time limit, bulkhead.")
    public @interface Config {
        @AttributeDefinition(name = "Integration", description = "Name of the connector instance this policy applies to.")
        String integration();

        @AttributeDefinition(name = "Rate limit", description = "Calls per period; 0 = the vendor quota the connector declares. Can only lower the vendor quota.")
        int rateLimit() default 0;

        @AttributeDefinition(name = "Rate limit period (ms)", description = "Period of the rate limit.", min = "1")
        long rateLimitPeriodMillis() default 1000;

        @AttributeDefinition(name = "Rate limit wait (ms)", description = "How long a call may wait for a permit before 429.", min = "0")
        long rateLimitWaitMillis() default 0;

        @AttributeDefinition(name = "Retry attempts", description = "Attempts in all for retryable errors (1 = no retry).", min = "1")
        int retryMaxAttempts() default 3;

        @AttributeDefinition(name = "Initial backoff (ms)", description = "Wait before the first retry.", min = "0")
        long retryInitialBackoffMillis() default 200;

        @AttributeDefinition(name = "Backoff multiplier", description = "Growth of the wait per retry.", min = "1")
        double retryMultiplier() default 2.0;

        @AttributeDefinition(name = "Max backoff (ms)", description = "Longest wait between attempts; a longer Retry-After is not waited for (429 instead).", min = "0")
        long retryMaxBackoffMillis() default 5000;

        @AttributeDefinition(name = "Jitter", description = "Random variation of each wait, 0..1.", min = "0", max = "1")
        double retryJitter() default 0.5;

        @AttributeDefinition(name = "Circuit failure rate (%)", description = "Failure rate that opens the circuit.", min = "1", max = "100")
        float circuitFailureRatePercent() default 50f;

        @AttributeDefinition(name = "Circuit window", description = "Calls in the sliding window.", min = "1")
        int circuitWindowSize() default 20;

        @AttributeDefinition(name = "Circuit minimum calls", description = "Calls before the failure rate counts.", min = "1")
        int circuitMinimumCalls() default 10;

        @AttributeDefinition(name = "Circuit open wait (ms)", description = "Time the circuit stays open before half-open trial calls.", min = "1")
        long circuitOpenWaitMillis() default 30000;

        @AttributeDefinition(name = "Half-open calls", description = "Trial calls in the half-open state.", min = "1")
        int circuitHalfOpenCalls() default 3;

        @AttributeDefinition(name = "Time limit (ms)", description = "Longest time of one attempt; then 504.", min = "1")
        long timeoutMillis() default 10000;

        @AttributeDefinition(name = "Bulkhead", description = "Concurrent calls allowed.", min = "1")
        int bulkheadMaxConcurrent() default 10;

        @AttributeDefinition(name = "Bulkhead wait (ms)", description = "How long a call may wait for a free slot before 503.", min = "0")
        long bulkheadMaxWaitMillis() default 0;

        String webconsole_configurationFactory_nameHint() default "{integration}";
    }

    private final String integration;
    private final PolicySettings settings;

    @Activate
    public PolicyConfiguration(Config config) {
        this.integration = config.integration();
        this.settings = PolicySettings.of(config);
    }

    String integration() {
        return integration;
    }

    PolicySettings settings() {
        return settings;
    }
}
