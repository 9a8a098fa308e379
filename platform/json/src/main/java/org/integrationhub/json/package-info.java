/**
 * The one canonical JSON representation of the helpdesk domain ({@link org.integrationhub.json.HubJson}),
 * shared by the outbox, webhooks and the REST API so that every client sees the same shapes.
 *
 * @since 0.2.0 (in hub-core as org.integrationhub.core.json before)
 */
@Version("0.2.0")
@Export
package org.integrationhub.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
