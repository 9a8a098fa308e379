package org.integrationhub.webconsole.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens for the pages' POST forms (Felix web console 4.8 has no CSRF protection of its own): the token is an
 * HMAC-SHA256 of the logged-in user under a random key made when the page starts, so it needs no session, differs per
 * user and per start, and is compared in constant time.
 */
final class Csrf {

    static final String FIELD = "hub_csrf";

    private final byte[] key = new byte[32];

    Csrf() {
        new SecureRandom().nextBytes(key);
    }

    String token(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal(("hub-webconsole:" + (user == null ? "" : user)).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    boolean valid(String user, String presented) {
        return presented != null && MessageDigest.isEqual(token(user).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
