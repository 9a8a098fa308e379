package org.integrationhub.oauth2.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.oauth2.CreatedOAuthClient;
import org.integrationhub.oauth2.OAuth2Admin;
import org.integrationhub.oauth2.OAuthClientInfo;
import org.integrationhub.oauth2.SigningKeyInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link OAuth2Admin} over the {@link AuthorizationServer}: clients (a secret only when made), keys and rotation. */
@Component(service = OAuth2Admin.class)
public final class OAuth2AdminImpl implements OAuth2Admin {

    private final AuthorizationServer server;

    @Activate
    public OAuth2AdminImpl(@Reference AuthorizationServer server) {
        this.server = server;
    }

    @Override
    public List<OAuthClientInfo> clients() {
        return server.clients().list().stream().map(OAuth2AdminImpl::info).toList();
    }

    @Override
    public CreatedOAuthClient createClient(String name, Set<String> grants, List<String> redirectUris,
            Set<String> scopes, boolean publicClient) {
        ClientRegistry.Created c = server.clients().create(name, grants, redirectUris, scopes, publicClient);
        return new CreatedOAuthClient(info(c.client()), c.secret());
    }

    @Override
    public Optional<String> rotateClientSecret(String clientId) {
        return clientId == null ? Optional.empty() : server.clients().rotateSecret(clientId);
    }

    private static OAuthClientInfo info(OAuthClient c) {
        return new OAuthClientInfo(c.id(), c.name(), c.publicClient(), c.grantTypes(), c.redirectUris(), c.scopes(),
                c.createdAt(), c.revokedAt());
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
