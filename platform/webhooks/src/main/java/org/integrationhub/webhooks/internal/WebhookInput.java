package org.integrationhub.webhooks.internal;

import java.util.List;
import java.util.Map;

/**
 * What a client asks to set on an endpoint; null fields are not set (PATCH) or get their default (create).
 *
 * @param rateLimit deliveries per second; 0 clears the limit
 */
public record WebhookInput(String url, List<String> events, String description, String secret, Map<String, String> headers,
        Integer rateLimit, Boolean tlsVerify, String retrySchedule, Boolean disabled) {
}
