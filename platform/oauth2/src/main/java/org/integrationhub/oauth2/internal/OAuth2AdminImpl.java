package org.integrationhub.oauth2.internal;

import java.util.List;

import org.integrationhub.oauth2.OAuth2Admin;
import org.integrationhub.oauth2.OAuthClientInfo;
import org.integrationhub.oauth2.SigningKeyInfo;

/** {@link OAuth2Admin} over the {@link AuthorizationServer}: clients without secrets, key listing and rotation. */
public final class OAuth2AdminImpl implements OAuth2Admin {

    private final AuthorizationServer server;

    public OAuth2AdminImpl(AuthorizationServer server) {
        this.server = server;
    }

    @Override
    public List<OAuthClientInfo> clients() {
        return server.clients().list().stream().map(c -> new OAuthClientInfo(c.id(), c.name(), c.publicClient(),
                c.grantTypes(), c.redirectUris(), c.scopes(), c.createdAt(), c.revokedAt())).toList();
    }

    @Override
    public boolean revokeClient(String clientId) {
        return clientId != null && server.clients().revoke(clientId);
    }

    @Override
    public List<SigningKeyInfo> signingKeys() {
        return server.keys().describe();
    }

    @Override
    public String rotateSigningKey() {
        return server.keys().rotate();
    }
}
