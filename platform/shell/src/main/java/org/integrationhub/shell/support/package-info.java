/**
 * Helpers for the {@code hub:*} Karaf commands that other hub bundles contribute.
 *
 * @since 0.1.0
 */
@Version("0.1.0")
@Export
package org.integrationhub.shell.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
