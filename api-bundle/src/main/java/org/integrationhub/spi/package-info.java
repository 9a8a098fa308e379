/**
 * The connector SPI: what a plugin bundle implements ({@link org.integrationhub.spi.IntegrationInterface}) and
 * what the platform hands it ({@link org.integrationhub.spi.IntegrationContext}).
 *
 * <p>Plain Java: a connector is testable with {@code new} and a fake context, no OSGi container needed.
 * Version 0.x: may still change in minor versions until the first third-party connector ships (then 1.0.0).
 *
 * @since 0.1.0
 */
@Version("0.3.0")
@Export
package org.integrationhub.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
