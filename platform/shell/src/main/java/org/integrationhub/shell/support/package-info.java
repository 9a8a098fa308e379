/**
 * Helpers for the {@code hub:*} Karaf commands of every hub bundle: {@link HubCommand} and {@link CommandErrors}
 * (one-line refusals, never a stack trace), {@link TrailingOptions} (options written after the arguments, merged with
 * what Karaf parsed), {@link OptionValues} (numbers and enum values of options), {@link ValuesCompleter} (tab
 * completion of a list of words) and {@link Tables}.
 *
 * <p>Importers use {@code resolution:=optional}, like the Karaf shell packages: their bundles work without the shell.
 *
 * @since 0.1.0
 */
@Version("0.2.0")
@Export
package org.integrationhub.shell.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
