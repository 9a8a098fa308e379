/**
 * The hub's one relational database: migrated schema, transactions, dialect; cluster-wide leases and the one set of
 * JDBC conversions, {@link org.integrationhub.persistence.Jdbc} (both since 0.2.0).
 *
 * @since 0.1.0
 */
@Version("0.2.0")
@Export
package org.integrationhub.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
