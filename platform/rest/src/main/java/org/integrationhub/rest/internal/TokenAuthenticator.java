package org.integrationhub.rest.internal;

import java.util.Optional;

import org.integrationhub.security.HubPrincipal;

/**
 * Turns a presented credential (an {@code X-API-Key} value or a {@code Bearer} token) into a principal. The
 * authentication filter asks each authenticator in turn: API keys today, OAuth2 JWT access tokens later.
 */
@FunctionalInterface
interface TokenAuthenticator {

    /**
     * @param token the credential as presented; never null
     * @return the principal if this authenticator recognises and accepts the credential; empty otherwise
     */
    Optional<HubPrincipal> authenticate(String token);
}
