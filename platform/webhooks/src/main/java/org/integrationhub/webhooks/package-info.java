/**
 * The webhook endpoints as the hub's administrative faces (web console, tools) see them: list, show, enable and
 * disable, and since 0.2.0 register an endpoint and rotate its secret ({@link org.integrationhub.webhooks.WebhookAdmin}).
 * A secret crosses this API only in the answer of those two calls ({@link org.integrationhub.webhooks.CreatedWebhook}),
 * to be shown once. An endpoint's deliveries are in
 * {@code org.integrationhub.delivery.DeliveryService} under the subscriber kind {@link
 * org.integrationhub.webhooks.WebhookAdmin#KIND}.
 *
 * @since 0.1.0
 */
@Version("0.2.0")
@Export
package org.integrationhub.webhooks;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
