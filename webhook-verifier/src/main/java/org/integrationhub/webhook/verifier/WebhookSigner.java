package org.integrationhub.webhook.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the signatures of one webhook delivery. Secrets are {@code whsec_} followed by the base64 of the key
 * bytes, or (since 0.3.0, for endpoints registered with the original design's API) a raw secret without that
 * prefix, whose key bytes are its UTF-8 encoding. Thread-safe (each thread keeps one {@code Mac} instance, keyed
 * anew for every signature).
 *
 * @since 0.1.0
 */
public final class WebhookSigner {

    /** Prefix of every webhook secret. */
    public static final String SECRET_PREFIX = "whsec_";

    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private WebhookSigner() {
    }

    /**
     * The Standard Webhooks v1 signature: base64 of HMAC-SHA256 over {@code "{id}.{timestamp}.{body}"} keyed with
     * the {@link #key(String) key bytes} of the secret (the base64-decoded part after {@code whsec_}, or a raw
     * secret's UTF-8 bytes).
     *
     * @param secret the endpoint secret ({@code whsec_…} or raw)
     * @param id the {@code webhook-id}
     * @param timestamp the {@code webhook-timestamp} (unix seconds)
     * @param body the exact request body
     * @return {@code "v1,<base64>"}
     * @throws IllegalArgumentException if the secret is empty, or {@code whsec_} followed by no valid base64
     */
    public static String standardSignature(String secret, String id, long timestamp, String body) {
        return standardSignature(secret, id, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #standardSignature(String, String, long, String)} over a body already encoded as UTF-8.
     *
     * @param body the exact request body bytes
     * @return {@code "v1,<base64>"}
     * @throws IllegalArgumentException if the secret is empty, or {@code whsec_} followed by no valid base64
     * @since 0.2.0
     */
    public static String standardSignature(String secret, String id, long timestamp, byte[] body) {
        Mac mac = mac(key(secret));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
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
        return legacySignature(secret, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #legacySignature(String, String)} over a body already encoded as UTF-8.
     *
     * @param body the exact request body bytes
     * @return 64 hex characters
     * @since 0.2.0
     */
    public static String legacySignature(String secret, byte[] body) {
        return HexFormat.of().formatHex(mac(secret.getBytes(StandardCharsets.UTF_8)).doFinal(body));
    }

    /**
     * The HMAC key of a secret: for {@code whsec_…} the base64-decoded part after the prefix (Standard Webhooks);
     * for any other secret (a raw secret such as the original design's 32 random characters) its UTF-8 bytes, as
     * Standard Webhooks libraries do for a raw key ({@code new Webhook(byte[])}).
     *
     * @param secret a webhook secret
     * @return the key bytes it stands for
     * @throws IllegalArgumentException if it is null or empty, or {@code whsec_} followed by no valid base64
     * @since 0.3.0 (a secret without the prefix was refused before)
     */
    public static byte[] key(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        if (!isStandard(secret)) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        if (key.length == 0) {
            throw new IllegalArgumentException("a " + SECRET_PREFIX + " secret carries the base64 of its key");
        }
        return key;
    }

    /**
     * @param secret a webhook secret
     * @return whether it is a Standard Webhooks secret ({@code whsec_} + base64) rather than a raw one
     * @since 0.3.0
     */
    public static boolean isStandard(String secret) {
        return secret != null && secret.startsWith(SECRET_PREFIX);
    }

    /** @return this thread's HMAC-SHA256, keyed (finding a JCE provider for each signature cost more than the MAC) */
    private static Mac mac(byte[] key) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
