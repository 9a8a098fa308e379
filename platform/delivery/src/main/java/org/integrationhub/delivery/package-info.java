/**
 * The durable delivery engine's API: how a kind of subscriber (webhook endpoints, connectors) plugs in
 * ({@link org.integrationhub.delivery.SubscriptionSource}, {@link org.integrationhub.delivery.DeliveryTransport}) and
 * how faces (REST, shell) inspect and steer deliveries ({@link org.integrationhub.delivery.DeliveryService}).
 *
 * <p>The engine guarantees at-least-once delivery of every outbox event to every subscriber that wanted it when the
 * event was relayed, in per-ticket order per subscriber, surviving crashes of the hub. Subscribers say only how to
 * send one delivery and how its result is classified.
 *
 * @since 0.1.0
 */
@Version("0.5.0")
@Export
package org.integrationhub.delivery;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
