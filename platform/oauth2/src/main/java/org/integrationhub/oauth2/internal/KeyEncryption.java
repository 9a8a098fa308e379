package org.integrationhub.oauth2.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects private signing keys at rest: AES-256-GCM under a key derived (SHA-256) from the configured secret,
 * stored as {@code enc:} + base64(iv || ciphertext). Without a secret, keys are stored as plain PKCS#8 base64 and
 * protected only by the database's access control.
 */
final class KeyEncryption {

    private static final String PREFIX = "enc:";
    private final SecretKeySpec key;

    KeyEncryption(String secret) {
        this.key = secret == null || secret.isBlank() ? null
                : new SecretKeySpec(Secrets.sha256(secret.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    String seal(byte[] pkcs8) {
        if (key == null) {
            return Base64.getEncoder().encodeToString(pkcs8);
        }
        try {
            byte[] iv = Secrets.randomBytes(12);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] ct = cipher.doFinal(pkcs8);
            byte[] out = Arrays.copyOf(iv, iv.length + ct.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /** @throws IllegalStateException if the value is encrypted and no or the wrong secret is configured */
    byte[] open(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return Base64.getDecoder().decode(stored);
        }
        if (key == null) {
            throw new IllegalStateException("signing key is encrypted but no keyEncryptionSecret is configured");
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            return cipher.doFinal(in, 12, in.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a signing key: wrong keyEncryptionSecret?", e);
        }
    }
}
