package org.integrationhub.oauth2.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets, their SHA-256 digests, and the PKCE S256 check (RFC 7636 §4.6). */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** @return 256 random bits as 43 base64url characters */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }

    /** @return the SHA-256 of the UTF-8 bytes, as 64 lowercase hex digits */
    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param verifier the code_verifier presented at the token endpoint
     * @param challenge the code_challenge stored with the code
     * @return whether BASE64URL(SHA256(ASCII(verifier))) equals the challenge (constant time)
     */
    public static boolean s256Matches(String verifier, String challenge) {
        String computed = URL.encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        return constantTimeEquals(computed, challenge);
    }

    /** @return whether both strings are equal, in time independent of where they differ */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
