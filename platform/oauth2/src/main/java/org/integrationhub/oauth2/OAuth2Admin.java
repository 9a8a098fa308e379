package org.integrationhub.oauth2;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Administration of the OAuth2 authorization server: the same operations as the {@code hub:oauth-*} commands, minus
 * those that reveal a secret. Registered as an OSGi service by the OAuth2 bundle; thread-safe; changes take effect on
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
}
