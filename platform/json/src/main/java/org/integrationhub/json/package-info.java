/**
 * The one canonical JSON representation of the helpdesk domain ({@link org.integrationhub.core.json.HubJson}),
 * shared by the outbox, webhooks and the REST API so that every client sees the same shapes.
 *
 * @since 0.1.0
 */
@Version("0.1.0")
@Export
package org.integrationhub.core.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
