package org.integrationhub.spi;

/**
 * Health of a connector instance as operators see it.
 *
 * @since 0.1.0
 */
public enum IntegrationStatus {
    /** Configured and the remote system answers. */
    ONLINE,
    /** The remote system cannot be reached or refuses the credentials. */
    OFFLINE,
    /** Working with limits: rate-limited, circuit half-open, some calls failing. */
    DEGRADED,
    /** Required configuration is missing or invalid. */
    UNCONFIGURED
}
