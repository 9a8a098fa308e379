package org.integrationhub.oauth2.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Carries "this user logged in for this exact authorization request" from the login form to the consent form
 * without server-side session state: {@code user.expiry.HMAC-SHA256(user, expiry, all request parameters)}, keyed
 * with a secret derived from the active signing key (so every node sharing the database accepts it). Valid for
 * ten minutes.
 */
final class LoginTicket {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final SigningKeys keys;
    private final Clock clock;

    LoginTicket(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    String issue(String user, Map<String, String> params) {
        String u = Base64.getUrlEncoder().withoutPadding().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
        return u + "." + expiry + "." + mac(u + "." + expiry, params);
    }

    /** @return the user, if the ticket is genuine, unexpired and for exactly these parameters */
    Optional<String> verify(String ticket, Map<String, String> params) {
        if (ticket == null) {
            return Optional.empty();
        }
        String[] parts = ticket.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(parts[1]) < clock.instant().getEpochSecond()
                    || !Secrets.constantTimeEquals(parts[2], mac(parts[0] + "." + parts[1], params))) {
                return Optional.empty();
            }
            return Optional.of(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String mac(String head, Map<String, String> params) {
        try {
            byte[] key = Secrets.sha256(("hub-login-ticket:" + keys.active().getKeyID() + ":"
                    + Base64.getEncoder().encodeToString(keys.active().toPrivateKey().getEncoded()))
                    .getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(head.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
                mac.update(("\n" + e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("cannot compute a login ticket", e);
        }
    }
}
