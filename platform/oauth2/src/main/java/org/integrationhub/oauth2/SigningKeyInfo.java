package org.integrationhub.oauth2;

import java.time.Instant;

/**
 * A token signing key, public facts only.
 *
 * @param kid the key id published in the JWKS and in the tokens' header
 * @param algorithm the JWS algorithm, e.g. {@code RS256}
 * @param createdAt when it was created
 * @param retiredAt when it stopped signing; null for the active key
 * @param publishedUntil until when a retired key stays published and accepted; null for the active key
 * @since 0.1.0
 */
public record SigningKeyInfo(String kid, String algorithm, Instant createdAt, Instant retiredAt,
        Instant publishedUntil) {

    /** @return whether this key signs new tokens */
    public boolean isActive() {
        return retiredAt == null;
    }
}
