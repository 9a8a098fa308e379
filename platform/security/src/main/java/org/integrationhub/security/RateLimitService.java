package org.integrationhub.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Per-client request quotas: a fixed number of requests per one-minute window for each
 * {@link HubPrincipal#clientId()}, independent of every other client.
 *
 * <p>Thread-safe and non-blocking.
 *
 * @since 0.1.0
 */
@ProviderType
public interface RateLimitService {

    /**
     * Takes one permit for the principal, if one is left in its current window.
     *
     * @param principal the caller; its {@link HubPrincipal#rateLimitPerMinute()} overrides the default (0 =
     *            unlimited)
     * @return the decision, never null
     */
    RateLimitDecision tryAcquire(HubPrincipal principal);

    /** @return the configured default requests per minute (0 = unlimited) */
    int defaultRequestsPerMinute();
}
