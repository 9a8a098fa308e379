package org.integrationhub.webhooks.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A webhook endpoint as the hub holds it in memory (secrets decrypted; never serialised to a client).
 *
 * @param events wire names of the subscribed event types; {@code "*"} for all
 * @param previousSecret the secret before the last rotation, still signing until {@code previousSecretUntil}
 * @param rateLimit maximum deliveries per second to this endpoint; null for unlimited
 * @param retrySchedule {@code "default"} (3 retries, exponential) or {@code "standard"} (Standard Webhooks schedule)
 * @param failingSince start of the current run of failed attempts; null while it succeeds
 */
public record Endpoint(String id, String url, String description, Set<String> events, String secret, String previousSecret,
        Instant previousSecretUntil, Map<String, String> headers, Integer rateLimit, boolean tlsVerify,
        String retrySchedule, boolean disabled, String disabledReason, Instant failingSince, Instant createdAt,
        Instant updatedAt) {

    public Endpoint {
        events = Set.copyOf(events);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    boolean wants(String eventType) {
        return !disabled && (events.contains("*") || events.contains(eventType));
    }

    /** @return the secrets that sign right now: the current one, and the previous one during its overlap */
    public java.util.List<String> signingSecrets(Instant now) {
        return previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)
                ? java.util.List.of(secret, previousSecret) : java.util.List.of(secret);
    }

    Endpoint withFailingSince(Instant value) {
        return new Endpoint(id, url, description, events, secret, previousSecret, previousSecretUntil, headers,
                rateLimit, tlsVerify, retrySchedule, disabled, disabledReason, value, createdAt, updatedAt);
    }

    Endpoint withDisabled(boolean value, String reason, Instant at) {
        return new Endpoint(id, url, description, events, secret, previousSecret, previousSecretUntil, headers,
                rateLimit, tlsVerify, retrySchedule, value, value ? reason : null, value ? failingSince : null,
                createdAt, at);
    }
}
