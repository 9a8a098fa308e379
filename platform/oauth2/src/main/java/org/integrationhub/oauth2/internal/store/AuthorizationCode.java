package org.integrationhub.oauth2.internal.store;

import java.time.Instant;
import java.util.Set;

/**
 * An authorization code as stored (its hash), bound to the client, redirect URI and PKCE challenge.
 *
 * @param codeHash SHA-256 hex of the code
 * @param clientId the client it was issued to
 * @param subject the user who authorized it
 * @param redirectUri the redirect_uri of the authorization request, or null if it named none
 * @param scopes granted scopes
 * @param codeChallenge the S256 code_challenge
 * @param expiresAt end of validity
 * @param usedAt when it was exchanged; null if never
 * @param familyId the refresh token family created by the exchange; may be null
 */
public record AuthorizationCode(String codeHash, String clientId, String subject, String redirectUri,
        Set<String> scopes, String codeChallenge, Instant expiresAt, Instant usedAt, String familyId) {
}
