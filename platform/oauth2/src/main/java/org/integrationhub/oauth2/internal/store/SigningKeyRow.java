package org.integrationhub.oauth2.internal.store;

import java.time.Instant;

/**
 * A stored signing key.
 *
 * @param kid key id
 * @param publicJwk the public JWK as JSON
 * @param privateKey PKCS#8 base64, or {@code enc:}-prefixed AES-GCM ciphertext
 * @param createdAt creation time; the newest unretired key is the active one
 * @param retiredAt when it stopped signing; null while active
 */
public record SigningKeyRow(String kid, String publicJwk, String privateKey, Instant createdAt, Instant retiredAt) {
}
