package org.integrationhub.spi;

import java.util.Objects;

/**
 * Outcome of a health check.
 *
 * @param status the status
 * @param detail one sentence for operators (e.g. "authentication failed: invalid_auth"); never a secret
 * @since 0.1.0
 */
public record HealthResult(IntegrationStatus status, String detail) {
    public HealthResult {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    /** @param detail the detail @return an ONLINE result */
    public static HealthResult online(String detail) {
        return new HealthResult(IntegrationStatus.ONLINE, detail);
    }
}
