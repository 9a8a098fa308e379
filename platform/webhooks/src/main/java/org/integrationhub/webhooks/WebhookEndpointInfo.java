package org.integrationhub.webhooks;

import java.time.Instant;
import java.util.Set;

/**
 * A webhook endpoint without its secrets.
 *
 * @param id the endpoint's ULID (the subscriber id of its deliveries)
 * @param url the target URL
 * @param description the operator's description; may be null
 * @param events subscribed event types by wire name; {@code "*"} for all
 * @param disabled whether deliveries to it are stopped
 * @param disabledReason why it is disabled (an operator, 410 Gone, failing for too long); null while enabled
 * @param failingSince start of its current run of failed attempts; null while deliveries succeed
 * @param previousSecretUntil until when the secret before the last rotation still signs; null if none does
 * @param createdAt creation time
 * @param updatedAt last change
 * @since 0.1.0
 */
public record WebhookEndpointInfo(String id, String url, String description, Set<String> events, boolean disabled,
        String disabledReason, Instant failingSince, Instant previousSecretUntil, Instant createdAt,
        Instant updatedAt) {
    public WebhookEndpointInfo {
        events = events == null ? Set.of() : Set.copyOf(events);
    }
}
