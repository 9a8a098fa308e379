package org.integrationhub.connector.asana.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.integrationhub.spi.LinkStore;

/**
 * The instance's Asana webhook secret. Asana hands it over once, in the unsigned {@code X-Hook-Secret} handshake it
 * POSTs while the connector's own {@code POST /webhooks} is in flight; every later delivery carries
 * {@code X-Hook-Signature = hex(HMAC-SHA256(secret, raw body))}.
 *
 * <p>A handshake is accepted only while this instance {@link #expect expects} one: between the start of its webhook
 * registration and the handshake (at most {@value #WINDOW_SECONDS} s), and only at the target it registered, which
 * carries a fresh random nonce — so nobody else can plant a secret. The secret is stored durably before the
 * handshake is answered, as a private link-store value of the pseudo ticket {@value #PSEUDO_TICKET} (key
 * {@value #KEY}, value {@code v1|<webhook gid>|<secret>}), and kept in memory.
 */
final class HookSecret {

    static final String PSEUDO_TICKET = "_asana-webhook";
    static final String KEY = "asana.webhook";
    static final String NONCE_PARAMETER = "hub_handshake";
    static final long WINDOW_SECONDS = 60;

    /** A registration waiting for its handshake. */
    private record Expected(String nonce, long deadlineNanos) {
    }

    private final LinkStore store;
    private final String instance;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<Expected> expected = new AtomicReference<>();
    private volatile Stored stored;
    private volatile String handshakeNonce;

    /** The stored webhook: its gid ("" until Asana's create answer names it) and secret. */
    record Stored(String webhookGid, String secret) {
        String encode() {
            return "v1|" + webhookGid + "|" + secret;
        }

        static Stored decode(String value) {
            String[] p = value.split("\\|", 3);
            return p.length == 3 && p[0].equals("v1") && !p[2].isEmpty() ? new Stored(p[1], p[2]) : null;
        }

        @Override
        public String toString() {
            return "webhook " + webhookGid; // never the secret
        }
    }

    HookSecret(LinkStore store, String instance) {
        this.store = store;
        this.instance = instance;
    }

    /** Starts a registration: @return the nonce the webhook's target must carry */
    String expect() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String value = HexFormat.of().formatHex(nonce);
        expected.set(new Expected(value, System.nanoTime() + Duration.ofSeconds(WINDOW_SECONDS).toNanos()));
        return value;
    }

    /** Ends a registration (after Asana's answer, whatever it was): later handshakes are refused. */
    void stopExpecting() {
        expected.set(null);
    }

    /**
     * @param query the handshake request's raw query
     * @param secret the {@code X-Hook-Secret} it carries
     * @return whether it was expected (then the secret is stored and the registration takes no further handshake)
     */
    boolean acceptHandshake(String query, String secret) {
        Expected e = expected.get();
        if (e == null || System.nanoTime() - e.deadlineNanos() > 0 || secret == null || secret.isBlank()
                || secret.length() > 500 || secret.contains("|") || !hasNonce(query, e.nonce())) {
            return false;
        }
        if (!expected.compareAndSet(e, null)) {
            return false;
        }
        save(new Stored("", secret.strip()));
        handshakeNonce = e.nonce();
        return true;
    }

    /**
     * Records the webhook's gid once Asana's create answer names it.
     *
     * @param nonce the registration's nonce
     * @param webhookGid the new webhook
     * @param answeredSecret the {@code X-Hook-Secret} of Asana's create answer, if it carried one
     * @return whether this registration's handshake arrived and its secret matches the answer's
     */
    boolean registered(String nonce, String webhookGid, String answeredSecret) {
        Stored s = stored;
        if (!nonce.equals(handshakeNonce) || s == null
                || answeredSecret != null && !MessageDigest.isEqual(answeredSecret.getBytes(StandardCharsets.UTF_8),
                        s.secret().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        save(new Stored(webhookGid, s.secret()));
        return true;
    }

    Optional<Stored> current() {
        Stored s = stored;
        if (s == null) {
            s = store.get(instance, PSEUDO_TICKET, KEY).map(Stored::decode).orElse(null);
            stored = s;
        }
        return Optional.ofNullable(s);
    }

    /** @return whether {@code signature} is the hex HMAC-SHA256 of {@code body} under the stored secret */
    boolean verifies(byte[] body, String signature) {
        Optional<Stored> s = current();
        if (s.isEmpty() || signature == null) {
            return false;
        }
        byte[] expectedSignature = sign(s.get().secret(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expectedSignature, given);
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private void save(Stored s) {
        store.put(instance, PSEUDO_TICKET, KEY, s.encode());
        stored = s;
    }

    private static boolean hasNonce(String query, String nonce) {
        if (query == null) {
            return false;
        }
        byte[] want = (NONCE_PARAMETER + "=" + nonce).getBytes(StandardCharsets.US_ASCII);
        for (String pair : query.split("&")) {
            if (MessageDigest.isEqual(want, pair.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
