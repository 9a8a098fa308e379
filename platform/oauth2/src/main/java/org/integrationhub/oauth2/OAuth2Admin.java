package org.integrationhub.oauth2;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Administration of the OAuth2 authorization server: the same operations as the {@code hub:oauth-*} commands. Since
 * 0.2.0 also registering a client and replacing its secret, the only calls that return a secret, once. Registered as an OSGi service by the OAuth2 bundle; thread-safe; changes take effect on
 * every hub node sharing the database.
 *
 * @since 0.1.0
 */
@ProviderType
public interface OAuth2Admin {

    /** @return every registered client, revoked ones included; never null */
    List<OAuthClientInfo> clients();

    /**
     * Revokes a client: it gets no new tokens and its access tokens are refused from now on.
     *
     * @param clientId the client's id; any string
     * @return true if an active client was revoked; false if there is none with that id or it was revoked already
     */
    boolean revokeClient(String clientId);

    /** @return the signing keys still in use or published, newest (the active one) first; never null */
    List<SigningKeyInfo> signingKeys();

    /**
     * Creates a new RS256 signing key; the current one is retired but stays published until the tokens it signed
     * have expired.
     *
     * @return the new key's id ({@code kid})
     */
    String rotateSigningKey();

    /**
     * Registers a client, as {@code hub:oauth-client-create} does (same validation).
     *
     * @param name the operator's name for it, 1 to 100 characters
     * @param grants allowed grant types: {@code authorization_code}, {@code refresh_token}, {@code client_credentials}
     * @param redirectUris redirect URIs (required for {@code authorization_code}), compared exactly
     * @param scopes scopes it may obtain, at least one
     * @param publicClient true for a public client (no secret, PKCE only)
     * @return the client and, for a confidential client, its secret (the only time it is available)
     * @throws org.integrationhub.api.ValidationException naming every invalid argument
     * @since 0.2.0
     */
    CreatedOAuthClient createClient(String name, Set<String> grants, List<String> redirectUris, Set<String> scopes,
            boolean publicClient);

    /**
     * Replaces a confidential client's secret; the old one stops working at once.
     *
     * @param clientId the client's id; any string
     * @return the new secret (the only time it is available); empty if there is no active confidential client with
     *         that id
     * @since 0.2.0
     */
    Optional<String> rotateClientSecret(String clientId);
}
