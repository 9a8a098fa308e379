package org.integrationhub.webhooks;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The webhook endpoints for the hub's administrative faces: list, show, the operator's on/off switch, and (since 0.2.0)
 * registering an endpoint and rotating its secret, the only two calls that return a secret, once. Registered as an
 * OSGi service by the webhooks bundle; thread-safe.
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

    /**
     * Registers an endpoint, as {@code POST /api/v1/webhooks} and {@code hub:webhook-add} do (same validation, including
     * the check of the target address against the allowed networks).
     *
     * @param url the receiver's http(s) URL
     * @param events event types by wire name ({@code ticket.created}, ...) or {@code "*"}; empty means all
     * @param description the operator's description; null or blank for none
     * @return the endpoint and its new secret (the only time the secret is available)
     * @throws org.integrationhub.api.ValidationException naming every invalid field
     * @since 0.2.0
     */
    CreatedWebhook create(String url, Set<String> events, String description);

    /**
     * Generates a new secret for an endpoint; the previous one keeps signing alongside for the configured overlap, as
     * {@code POST /api/v1/webhooks/{id}/rotate-secret} does.
     *
     * @param id the endpoint's id
     * @return the endpoint and its new secret (the only time it is available)
     * @throws org.integrationhub.api.NotFoundException if there is no such endpoint
     * @since 0.2.0
     */
    CreatedWebhook rotateSecret(String id);
}
