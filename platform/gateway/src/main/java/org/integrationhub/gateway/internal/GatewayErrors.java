package org.integrationhub.gateway.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.integrationhub.gateway.GatewayException;
import org.integrationhub.gateway.GatewayException.Reason;
import org.integrationhub.spi.IntegrationException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;

/** Classifies what a policy-wrapped call threw into a {@link GatewayException} (and so an HTTP status). */
final class GatewayErrors {

    /** Retry-After of a rate limit a connector reports without a duration (e.g. Slack's {@code ratelimited}). */
    static final Duration UNSPECIFIED_RATE_LIMIT = Duration.ofSeconds(30);

    private GatewayErrors() {
    }

    /**
     * Classifies the failure of an event delivery: as {@link #classify}, except that a refusal of the rate limiter
     * carries {@link Policies#throttleWait()}, so the refused deliveries of a burst come back at the limit's pace.
     */
    static GatewayException classifyDelivery(String integration, Throwable e, Policies policies) {
        if (e instanceof RequestNotPermitted) {
            return new GatewayException(Reason.RATE_LIMITED, rateLimited(integration, policies), null,
                    policies.throttleWait(), null);
        }
        return classify(integration, e, policies);
    }

    private static String rateLimited(String integration, Policies policies) {
        return "Rate limit of integration '" + integration + "' reached (" + policies.quota().permits()
                + " calls per " + policies.quota().period() + ")";
    }

    static GatewayException classify(String integration, Throwable e, Policies policies) {
        if (e instanceof GatewayException g) {
            return g;
        }
        if (e instanceof RequestNotPermitted) {
            return new GatewayException(Reason.RATE_LIMITED, rateLimited(integration, policies), null,
                    policies.rateLimitRetryAfter(), null);
        }
        if (e instanceof CallNotPermittedException) {
            return new GatewayException(Reason.CIRCUIT_OPEN, "Circuit of integration '" + integration
                    + "' is open after repeated failures; calls resume after a trial", null,
                    policies.settings().circuitOpenWait(), null);
        }
        if (e instanceof BulkheadFullException) {
            return new GatewayException(Reason.BULKHEAD_FULL, "Integration '" + integration
                    + "' is busy: too many concurrent calls", null, Duration.ofSeconds(1), null);
        }
        if (e instanceof TimeoutException) {
            return new GatewayException(Reason.TIMEOUT, "Integration '" + integration + "' did not answer in time ("
                    + e.getMessage() + ")", null, null, null);
        }
        if (e instanceof IntegrationException ie) {
            String message = "Integration '" + integration + "' failed: " + ie.getMessage();
            Reason reason = switch (ie.category()) {
                case RATE_LIMITED -> Reason.RATE_LIMITED;
                case CONFIGURATION -> Reason.BAD_REQUEST;
                case INTERNAL -> Reason.INTERNAL;
                default -> Reason.REMOTE_FAILURE;
            };
            Duration retryAfter = ie.retryAfter();
            if (reason == Reason.RATE_LIMITED && retryAfter == null) {
                // the contract's 429 always carries Retry-After, even when the remote system did not say how long
                retryAfter = UNSPECIFIED_RATE_LIMIT;
            }
            return new GatewayException(reason, message, ie.category(), retryAfter, ie);
        }
        return new GatewayException(Reason.INTERNAL, "Integration '" + integration + "' failed unexpectedly ("
                + e.getClass().getSimpleName() + ")", null, null, e);
    }
}
