package org.integrationhub.oauth2;

import java.util.Objects;

/**
 * A newly registered OAuth2 client: the only time its secret is available. Show it once and forget it;
 * {@link #toString()} does not include it.
 *
 * @param client the client as stored
 * @param secret the client_secret of a confidential client; null for a public client
 * @since 0.2.0
 */
public record CreatedOAuthClient(OAuthClientInfo client, String secret) {
    public CreatedOAuthClient {
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "CreatedOAuthClient[id=" + client.id() + ", secret=" + (secret == null ? "none" : "***") + "]";
    }
}
