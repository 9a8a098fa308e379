package org.integrationhub.gateway.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import org.integrationhub.delivery.ThrottlePace;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;
import org.integrationhub.spi.VendorQuota;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * The resilience4j policies of one integration, stacked as retry → circuit breaker → rate limiter → bulkhead →
 * time limit → connector, with metrics recorded per attempt. Immutable: a new policy replaces the whole object.
 */
final class Policies {

    private final PolicySettings settings;
    private final VendorQuota quota;
    private final VendorQuota vendorQuota;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuit;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final long timeoutNanos;
    /** The waits of the deliveries the rate limiter refused. */
    private final ThrottlePace throttled = new ThrottlePace();
    private final Deadlines deadlines;
    private final CallMetrics metrics;

    Policies(String name, PolicySettings s, VendorQuota vendorQuota, Deadlines deadlines, CallMetrics metrics) {
        this.settings = s;
        this.deadlines = deadlines;
        this.metrics = metrics;
        this.vendorQuota = vendorQuota;
        this.quota = s.effectiveQuota(vendorQuota);
        this.timeoutNanos = s.timeout().toNanos();
        this.rateLimiter = quota.isUnlimited() ? null : RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(quota.permits()).limitRefreshPeriod(quota.period())
                .timeoutDuration(s.rateLimitWait()).build());
        this.circuit = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(s.circuitFailureRate()).slidingWindowSize(s.circuitWindow())
                .minimumNumberOfCalls(s.circuitMinimumCalls()).waitDurationInOpenState(s.circuitOpenWait())
                .permittedNumberOfCallsInHalfOpenState(s.circuitHalfOpenCalls())
                .recordException(Policies::isCircuitFailure)
                .ignoreExceptions(RequestNotPermitted.class, BulkheadFullException.class).build());
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom().maxConcurrentCalls(s.bulkheadMaxConcurrent())
                .maxWaitDuration(s.bulkheadMaxWait()).build());
        this.retry = Retry.of(name, RetryConfig.custom().maxAttempts(Math.max(1, s.retryMaxAttempts()))
                .retryOnException(this::isRetryable).intervalBiFunction(backoff()).build());
    }

    /**
     * Runs one call through the policies.
     *
     * @param call the connector call
     * @param withRetry false for event deliveries, which the delivery engine retries itself
     * @return the call's result
     * @throws Throwable the last failure, unclassified (see {@link GatewayErrors})
     */
    <T> T call(CheckedSupplier<T> call, boolean withRetry) throws Throwable {
        CheckedSupplier<T> decorated = Bulkhead.decorateCheckedSupplier(bulkhead, () -> measured(call));
        if (rateLimiter != null) {
            decorated = RateLimiter.decorateCheckedSupplier(rateLimiter, decorated);
        }
        decorated = CircuitBreaker.decorateCheckedSupplier(circuit, decorated);
        if (withRetry) {
            decorated = Retry.decorateCheckedSupplier(retry, decorated);
        }
        try {
            return decorated.get();
        } catch (RequestNotPermitted e) {
            metrics.refused("rate_limited_local");
            throw e;
        } catch (CallNotPermittedException e) {
            metrics.refused("circuit_open");
            throw e;
        } catch (BulkheadFullException e) {
            metrics.refused("bulkhead_full");
            throw e;
        }
    }

    /** Runs a call under the time limit only (connection tests). */
    <T> T timed(CheckedSupplier<T> call) throws Throwable {
        return deadlines.run(call, timeoutNanos);
    }

    private <T> T measured(CheckedSupplier<T> call) throws Throwable {
        long start = System.nanoTime();
        try {
            T result = deadlines.run(call, timeoutNanos);
            metrics.success(System.nanoTime() - start);
            return result;
        } catch (IntegrationException e) {
            metrics.failure(e.category().name().toLowerCase(Locale.ROOT), System.nanoTime() - start);
            throw e;
        } catch (TimeoutException e) {
            metrics.failure("timeout", System.nanoTime() - start);
            throw e;
        } catch (Throwable e) {
            metrics.failure("internal", System.nanoTime() - start);
            throw e;
        }
    }

    private boolean isRetryable(Throwable e) {
        return e instanceof IntegrationException ie && ie.category().isRetryable()
                && (ie.retryAfter() == null || ie.retryAfter().compareTo(settings.retryMaxBackoff()) <= 0);
    }

    static boolean isCircuitFailure(Throwable e) {
        if (e instanceof IntegrationException ie) {
            return ie.category() == ErrorCategory.COMMUNICATION || ie.category() == ErrorCategory.INTERNAL;
        }
        return true; // timeouts and unexpected exceptions
    }

    private IntervalBiFunction<Object> backoff() {
        return (attempt, outcome) -> {
            double base = settings.retryInitialBackoff().toMillis() * Math.pow(settings.retryMultiplier(), attempt - 1);
            double capped = Math.min(base, settings.retryMaxBackoff().toMillis());
            double jitter = settings.retryJitter();
            long wait = Math.round(capped * (1 + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter))));
            if (outcome != null && outcome.isLeft() && outcome.getLeft() instanceof IntegrationException ie
                    && ie.retryAfter() != null) {
                wait = Math.max(wait, ie.retryAfter().toMillis());
            }
            return Math.max(0, wait);
        };
    }

    PolicySettings settings() {
        return settings;
    }

    VendorQuota vendorQuota() {
        return vendorQuota;
    }

    VendorQuota quota() {
        return quota;
    }

    Duration rateLimitRetryAfter() {
        return quota.period();
    }

    /**
     * The wait of an event delivery the rate limiter refused: its place at the limit's pace
     * ({@code period / permits} a step, {@link ThrottlePace}).
     */
    Duration throttleWait() {
        return throttled.next(quota.period().dividedBy(Math.max(1, quota.permits())));
    }

    CircuitBreaker.State circuitState() {
        return circuit.getState();
    }

    int inFlight() {
        return settings.bulkheadMaxConcurrent() - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }
}
