package org.integrationhub.webhooks;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Read access to the webhook endpoints and the operator's on/off switch, without their secrets. Registered as an OSGi
 * service by the webhooks bundle; thread-safe.
 *
 * @since 0.1.0
 */
@ProviderType
public interface WebhookAdmin {

    /** The subscriber kind of webhook endpoints in the delivery engine (their deliveries' {@code kind}). */
    String KIND = "webhook";

    /** @return every endpoint, enabled or not, ordered by id (= creation order); never null */
    List<WebhookEndpointInfo> list();

    /**
     * @param id the endpoint's id; any string
     * @return the endpoint, or empty if there is none with that id
     */
    Optional<WebhookEndpointInfo> get(String id);

    /**
     * Disables or re-enables an endpoint, as {@code PATCH /api/v1/webhooks/{id} {"disabled": ...}} does: disabling
     * gives up its pending deliveries; enabling clears the reason and the failing streak. Idempotent.
     *
     * @param id the endpoint's id
     * @param disabled true to disable, false to enable
     * @return the endpoint as it is now
     * @throws org.integrationhub.api.NotFoundException if there is no such endpoint
     */
    WebhookEndpointInfo setDisabled(String id, boolean disabled);
}
