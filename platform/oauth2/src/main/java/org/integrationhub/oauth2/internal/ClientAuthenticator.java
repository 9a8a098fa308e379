package org.integrationhub.oauth2.internal;

/** Authenticates the client of a token, introspection or revocation request (RFC 6749 §2.3, §3.2.1). */
final class ClientAuthenticator {

    private final ClientRegistry clients;

    ClientAuthenticator(ClientRegistry clients) {
        this.clients = clients;
    }

    /**
     * @param allowPublic whether a public client identified only by client_id is acceptable
     * @return the authenticated, active client
     * @throws OAuthError invalid_client (401) for a missing, unknown, revoked or wrongly authenticated client
     */
    OAuthClient authenticate(ClientCredentials creds, boolean allowPublic) {
        if (creds.clientId() == null || creds.clientId().isEmpty()) {
            throw OAuthError.invalidClient("client authentication is required");
        }
        if (creds.secret() != null) {
            return clients.authenticate(creds.clientId(), creds.secret())
                    .orElseThrow(() -> OAuthError.invalidClient("unknown client or wrong secret"));
        }
        OAuthClient client = clients.findActive(creds.clientId())
                .orElseThrow(() -> OAuthError.invalidClient("unknown client or wrong secret"));
        if (!client.publicClient()) {
            throw OAuthError.invalidClient("this client must authenticate with its secret");
        }
        if (!allowPublic) {
            throw OAuthError.invalidClient("public clients cannot use this endpoint");
        }
        return client;
    }
}
