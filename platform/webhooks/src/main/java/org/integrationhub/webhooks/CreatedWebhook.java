package org.integrationhub.webhooks;

import java.util.Objects;

/**
 * A webhook endpoint with its newly generated secret: the only time the secret is available. Show it to the operator
 * once and forget it; {@link #toString()} does not include it.
 *
 * @param endpoint the endpoint as stored
 * @param secret the signing secret ({@code whsec_} + base64, or the raw secret the endpoint was registered with)
 * @since 0.2.0
 */
public record CreatedWebhook(WebhookEndpointInfo endpoint, String secret) {
    public CreatedWebhook {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "CreatedWebhook[id=" + endpoint.id() + ", secret=***]";
    }
}
