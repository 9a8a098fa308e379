package org.integrationhub.connector.trello.internal.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Trello's webhook signature: {@code X-Trello-Webhook = base64(HMAC-SHA1(secret, raw body + callback URL))}, the
 * callback URL byte for byte as registered, the secret being the Power-Up's API secret (not the key or token).
 * Checked on the raw bytes before anything parses them; the compare is constant-time.
 */
public final class WebhookVerifier {

    /** The signature header. */
    public static final String HEADER = "X-Trello-Webhook";

    private final byte[] secret;

    public WebhookVerifier(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** @return whether a secret is configured (without one nothing verifies) */
    public boolean configured() {
        return secret.length > 0;
    }

    /** @return the signature Trello sends for this body and callback URL */
    public String sign(byte[] body, String callbackUrl) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal(callbackUrl.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** @return null if the signature matches, else why not (no secrets in it) */
    public String problem(byte[] body, String signature, String callbackUrl) {
        if (!configured()) {
            return "this Trello instance has no .api.secret configured";
        }
        if (signature == null || signature.isBlank()) {
            return "missing " + HEADER + " header";
        }
        byte[] expected = sign(body, callbackUrl).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return "signature mismatch";
        }
        return null;
    }
}
