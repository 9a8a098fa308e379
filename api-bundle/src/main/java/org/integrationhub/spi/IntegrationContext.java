package org.integrationhub.spi;

import java.util.concurrent.ScheduledExecutorService;

import org.integrationhub.api.CustomerService;
import org.integrationhub.api.TicketService;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform services a connector may use; the platform implements it (openHAB's ThingHandlerCallback shape).
 * Connectors take it instead of touching the OSGi framework, so a test can hand them a fake.
 *
 * @since 0.1.0
 */
@ProviderType
public interface IntegrationContext {

    /** @return the ticket service, for connectors that act back on tickets */
    TicketService tickets();

    /** @return the customer service */
    CustomerService customers();

    /** @return the shared scheduler for background work; never shut it down */
    ScheduledExecutorService scheduler();
}
