package org.integrationhub.gateway.internal;

import org.integrationhub.spi.HealthResult;

/** Where the platform's {@code IntegrationContext} forwards connectors' status reports. */
interface StatusBoard {

    /** @param integration instance name @param status reported status */
    void report(String integration, HealthResult status);
}
