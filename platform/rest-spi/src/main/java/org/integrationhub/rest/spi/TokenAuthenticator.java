package org.integrationhub.rest.spi;

import java.util.Optional;

import org.integrationhub.security.HubPrincipal;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a presented credential (an {@code X-API-Key} value or an {@code Authorization: Bearer} token) into a
 * principal. Register implementations as OSGi services: the REST API asks API keys first, then each registered
 * authenticator in service-ranking order (e.g. OAuth2 JWT access tokens).
 *
 * <p>Implementations are thread-safe, fast (called on every request) and never throw for a bad credential.
 *
 * @since 0.1.0
 */
@ConsumerType
@FunctionalInterface
public interface TokenAuthenticator {

    /**
     * @param token the credential as presented; never null
     * @return the principal if this authenticator recognises and accepts the credential; empty otherwise
     */
    Optional<HubPrincipal> authenticate(String token);
}
