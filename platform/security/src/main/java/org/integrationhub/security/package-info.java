/**
 * Who is calling the hub and what they may do: API keys, scopes, per-client rate limits. The REST API
 * authenticates each request through {@link org.integrationhub.security.ApiKeyService} and throttles it through
 * {@link org.integrationhub.security.RateLimitService}.
 *
 * @since 0.1.0
 */
@Version("0.3.0")
@Export
package org.integrationhub.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
