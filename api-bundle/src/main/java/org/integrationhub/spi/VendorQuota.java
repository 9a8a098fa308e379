package org.integrationhub.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The request quota a vendor documents for its API, e.g. HubSpot's 190 requests per 10 seconds or Teams' 4 per
 * second. The gateway's rate limiter never lets more calls through to one connector instance; the operator may
 * lower it (never raise it) in the instance's gateway policy.
 *
 * @param permits calls allowed per period, at least 1
 * @param period the period, positive
 * @since 0.1.0
 */
public record VendorQuota(int permits, Duration period) {

    /** No documented quota: the gateway applies only the operator's limit, if any. */
    public static final VendorQuota UNLIMITED = new VendorQuota(Integer.MAX_VALUE, Duration.ofSeconds(1));

    public VendorQuota {
        Objects.requireNonNull(period, "period");
        if (permits < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a quota needs at least 1 permit per positive period");
        }
    }

    /** @param permits calls per second @return the quota */
    public static VendorQuota perSecond(int permits) {
        return new VendorQuota(permits, Duration.ofSeconds(1));
    }

    /** @param permits calls per period @param period the period @return the quota */
    public static VendorQuota per(int permits, Duration period) {
        return new VendorQuota(permits, period);
    }

    /** @return whether this is {@link #UNLIMITED} */
    public boolean isUnlimited() {
        return permits == Integer.MAX_VALUE;
    }
}
