package org.integrationhub.webhook.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the signatures of one webhook delivery. Secrets are {@code whsec_} followed by the base64 of the key
 * bytes. Thread-safe and stateless.
 *
 * @since 0.1.0
 */
public final class WebhookSigner {

    /** Prefix of every webhook secret. */
    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    /**
     * The Standard Webhooks v1 signature: base64 of HMAC-SHA256 over {@code "{id}.{timestamp}.{body}"} keyed with
     * the base64-decoded part of the secret after {@code whsec_}.
     *
     * @param secret the endpoint secret ({@code whsec_…})
     * @param id the {@code webhook-id}
     * @param timestamp the {@code webhook-timestamp} (unix seconds)
     * @param body the exact request body
     * @return {@code "v1,<base64>"}
     * @throws IllegalArgumentException if the secret is not {@code whsec_} + base64
     */
    public static String standardSignature(String secret, String id, long timestamp, String body) {
        byte[] mac = hmac(key(secret), id + "." + timestamp + "." + body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    /**
     * The original design's {@code X-Webhook-Signature}: lower-case hex of HMAC-SHA256 over the body, keyed with the
     * whole secret string (prefix included) as UTF-8.
     *
     * @param secret the endpoint secret
     * @param body the exact request body
     * @return 64 hex characters
     */
    public static String legacySignature(String secret, String body) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /**
     * @param secret a webhook secret
     * @return the key bytes it encodes
     * @throws IllegalArgumentException if it is not {@code whsec_} + base64
     */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
