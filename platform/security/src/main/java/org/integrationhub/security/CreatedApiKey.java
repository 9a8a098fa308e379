package org.integrationhub.security;

import java.util.Objects;

/**
 * A newly created API key: the only time the plaintext key is available. Show it to the operator once and
 * forget it; {@link #toString()} does not include it.
 *
 * @param key the plaintext key ({@code hub_} + 43 base64url characters)
 * @param info the stored description of the key
 * @since 0.1.0
 */
public record CreatedApiKey(String key, ApiKeyInfo info) {
    public CreatedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(info, "info");
    }

    @Override
    public String toString() {
        return "CreatedApiKey[id=" + info.id() + ", prefix=" + info.prefix() + ", key=***]";
    }
}
