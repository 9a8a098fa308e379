package org.integrationhub.spi;

import java.util.Objects;

/**
 * Outcome of a health check or a status report.
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

    /** @param detail why the remote cannot be used (communication or authentication error) @return OFFLINE */
    public static HealthResult offline(String detail) {
        return new HealthResult(IntegrationStatus.OFFLINE, detail);
    }

    /** @param detail what is limited @return a DEGRADED result */
    public static HealthResult degraded(String detail) {
        return new HealthResult(IntegrationStatus.DEGRADED, detail);
    }

    /** @param detail which configuration is missing or wrong @return an UNCONFIGURED result */
    public static HealthResult unconfigured(String detail) {
        return new HealthResult(IntegrationStatus.UNCONFIGURED, detail);
    }

    /**
     * @param e a classified failure of a check
     * @return UNCONFIGURED for configuration errors, OFFLINE for authentication and communication errors, DEGRADED
     *         otherwise; the detail names the category
     */
    public static HealthResult of(IntegrationException e) {
        String detail = e.category().name().toLowerCase(java.util.Locale.ROOT) + " error: " + e.getMessage();
        return switch (e.category()) {
            case CONFIGURATION -> unconfigured(detail);
            case AUTHENTICATION, COMMUNICATION -> offline(detail);
            default -> degraded(detail);
        };
    }
}
