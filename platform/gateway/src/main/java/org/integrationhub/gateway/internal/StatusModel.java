package org.integrationhub.gateway.internal;

import java.util.concurrent.TimeUnit;

import org.integrationhub.spi.HealthResult;
import org.integrationhub.spi.IntegrationStatus;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Derives the status operators see: the gateway's own findings (absent connector, open circuit, rate limit hit in
 * the last 10 s) take precedence over the connector's latest health check or report.
 */
final class StatusModel {

    static final HealthResult ABSENT = HealthResult.offline(
            "connector not registered: its bundle is absent, stopped or being updated; its events wait");
    static final HealthResult NOT_TESTED = HealthResult.degraded("connection not tested yet");
    private static final long RATE_LIMIT_WINDOW = TimeUnit.SECONDS.toNanos(10);

    private StatusModel() {
    }

    static HealthResult of(IntegrationEntry entry) {
        Policies policies = entry.policies;
        if (entry.current() == null || policies == null) {
            return ABSENT;
        }
        CircuitBreaker.State state = policies.circuitState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            return HealthResult.offline("circuit open after repeated failures; trial calls after "
                    + policies.settings().circuitOpenWait().toSeconds() + " s");
        }
        HealthResult health = entry.health;
        if (health != null && health.status() != IntegrationStatus.ONLINE) {
            return health;
        }
        if (state == CircuitBreaker.State.HALF_OPEN) {
            return HealthResult.degraded("circuit half-open: trial calls decide whether it closes");
        }
        if (entry.metrics.rateLimitedWithin(RATE_LIMIT_WINDOW)) {
            return HealthResult.degraded("rate limited: quota of " + policies.quota().permits() + " calls per "
                    + policies.quota().period().toMillis() + " ms reached");
        }
        return health == null ? NOT_TESTED : health;
    }
}
