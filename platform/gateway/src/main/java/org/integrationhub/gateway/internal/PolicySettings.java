package org.integrationhub.gateway.internal;

import java.time.Duration;

import org.integrationhub.spi.VendorQuota;

/**
 * The resilience settings of one integration; {@link #DEFAULTS} unless an operator configured
 * {@code org.integrationhub.gateway.policy} for it.
 */
record PolicySettings(int rateLimit, Duration rateLimitPeriod, Duration rateLimitWait, int retryMaxAttempts,
        Duration retryInitialBackoff, double retryMultiplier, Duration retryMaxBackoff, double retryJitter,
        float circuitFailureRate, int circuitWindow, int circuitMinimumCalls, Duration circuitOpenWait,
        int circuitHalfOpenCalls, Duration timeout, int bulkheadMaxConcurrent, Duration bulkheadMaxWait) {

    static final PolicySettings DEFAULTS = new PolicySettings(0, Duration.ofSeconds(1), Duration.ZERO, 3,
            Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.5, 50f, 20, 10, Duration.ofSeconds(30), 3,
            Duration.ofSeconds(10), 10, Duration.ZERO);

    static PolicySettings of(PolicyConfiguration.Config c) {
        return new PolicySettings(c.rateLimit(), Duration.ofMillis(c.rateLimitPeriodMillis()),
                Duration.ofMillis(c.rateLimitWaitMillis()), c.retryMaxAttempts(),
                Duration.ofMillis(c.retryInitialBackoffMillis()), c.retryMultiplier(),
                Duration.ofMillis(c.retryMaxBackoffMillis()), c.retryJitter(), c.circuitFailureRatePercent(),
                c.circuitWindowSize(), c.circuitMinimumCalls(), Duration.ofMillis(c.circuitOpenWaitMillis()),
                c.circuitHalfOpenCalls(), Duration.ofMillis(c.timeoutMillis()), c.bulkheadMaxConcurrent(),
                Duration.ofMillis(c.bulkheadMaxWaitMillis()));
    }

    /**
     * @param vendor the connector's declared quota
     * @return the quota to enforce: the vendor's, or the operator's {@link #rateLimit} per {@link #rateLimitPeriod}
     *         when that is lower (an operator can lower the quota, never raise it)
     */
    VendorQuota effectiveQuota(VendorQuota vendor) {
        if (rateLimit <= 0) {
            return vendor;
        }
        VendorQuota operator = new VendorQuota(rateLimit, rateLimitPeriod);
        if (vendor.isUnlimited()) {
            return operator;
        }
        double vendorRate = (double) vendor.permits() / vendor.period().toNanos();
        double operatorRate = (double) operator.permits() / operator.period().toNanos();
        return operatorRate < vendorRate ? operator : vendor;
    }
}
