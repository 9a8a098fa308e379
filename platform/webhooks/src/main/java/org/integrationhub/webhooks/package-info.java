/**
 * The webhook endpoints as the hub's administrative faces (web console, tools) see them: list, show, enable and
 * disable ({@link org.integrationhub.webhooks.WebhookAdmin}). Secrets never cross this API; creating endpoints and
 * rotating secrets stay with the REST API and the shell, which show a secret once. An endpoint's deliveries are in
 * {@code org.integrationhub.delivery.DeliveryService} under the subscriber kind {@link
 * org.integrationhub.webhooks.WebhookAdmin#KIND}.
 *
 * @since 0.1.0
 */
@Version("0.1.0")
@Export
package org.integrationhub.webhooks;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
