/**
 * The helpdesk domain model (tickets, comments, ratings, customers), its events, and the services through which
 * the platform and plugins read and change it.
 *
 * <p>All types are immutable; nothing here depends on OSGi, Jersey or Jackson, so it is usable in a plain JUnit
 * test. {@code null} is only allowed where a member's Javadoc says so.
 *
 * @since 0.1.0 (0.2.0: {@link org.integrationhub.api.TicketStats} and {@link org.integrationhub.api.TicketService#stats()})
 */
@Version("0.3.0")
@Export
package org.integrationhub.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
