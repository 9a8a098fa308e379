package org.integrationhub.webhook.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY = "{\"type\":\"ticket.created\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{}}";
    private static final long TS = 1_767_225_600L;
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC);

    @Test
    void signatureMatchesTheReferenceImplementation() throws Exception {
        String ours = WebhookSigner.standardSignature(SECRET, "msg_1", TS, BODY);
        assertThat(ours).isEqualTo(new Webhook(SECRET).sign("msg_1", TS, BODY));
        new Webhook(SECRET).verify(BODY, Map.of("webhook-id", List.of("msg_1"),
                "webhook-timestamp", List.of(Long.toString(Instant.now().getEpochSecond())),
                "webhook-signature", List.of(WebhookSigner.standardSignature(SECRET, "msg_1",
                        Instant.now().getEpochSecond(), BODY))));
    }

    @Test
    void theSignaturesOfBytesAndOfStringsAgreeWithTheReferenceWhateverKeysAThreadSignedWithBefore() throws Exception {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);
        String body = BODY + " \u00e9\u6f22"; // not ASCII: the bytes are UTF-8
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) { // one thread's Mac, keyed with one secret then the other
                        String secret = i % 2 == 0 ? SECRET : other;
                        String reference = new Webhook(secret).sign("msg_" + i, TS, body);
                        assertThat(WebhookSigner.standardSignature(secret, "msg_" + i, TS, bytes))
                                .isEqualTo(WebhookSigner.standardSignature(secret, "msg_" + i, TS, body))
                                .isEqualTo(reference);
                        assertThat(WebhookSigner.legacySignature(secret, bytes))
                                .isEqualTo(WebhookSigner.legacySignature(secret, body));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void verifiesOneOfSeveralSignaturesDuringRotation() {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String header = WebhookSigner.standardSignature(other, "m", TS, BODY) + " "
                + WebhookSigner.standardSignature(SECRET, "m", TS, BODY);
        new WebhookVerifier(SECRET, Duration.ofMinutes(5), clock).verify("m", Long.toString(TS), header, BODY);
    }

    @Test
    void refusesTamperedBodyOldTimestampAndMissingHeaders() {
        WebhookVerifier v = new WebhookVerifier(SECRET, Duration.ofMinutes(5), clock);
        String sig = WebhookSigner.standardSignature(SECRET, "m", TS, BODY);
        assertThatThrownBy(() -> v.verify("m", Long.toString(TS), sig, BODY + " "))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no matching");
        String old = WebhookSigner.standardSignature(SECRET, "m", TS - 301, BODY);
        assertThatThrownBy(() -> v.verify("m", Long.toString(TS - 301), old, BODY))
                .hasMessageContaining("tolerance");
        assertThatThrownBy(() -> v.verify(null, Long.toString(TS), sig, BODY)).hasMessageContaining("missing");
        assertThatThrownBy(() -> v.verify("m", "yesterday", sig, BODY)).hasMessageContaining("unix seconds");
    }

    @Test
    void legacyHeaderIsHexHmacOfTheBodyKeyedWithTheWholeSecret() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal(BODY.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(WebhookSigner.legacySignature(SECRET, BODY)).isEqualTo(expected);
        WebhookVerifier v = new WebhookVerifier(SECRET);
        v.verifyLegacy(expected.toUpperCase(), BODY);
        assertThatThrownBy(() -> v.verifyLegacy(expected, BODY + "x")).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rawSecretsAreKeyedWithTheirUtf8BytesAsTheReferenceDoes() throws Exception {
        String raw = "k9Q2vX7pL4mZ8rT1wY6bN3cF5hJ0dS2g"; // the original design's 32 random characters
        String body = BODY + " \u00e9";
        String ours = WebhookSigner.standardSignature(raw, "msg_1", TS, body);
        assertThat(ours).isEqualTo(new Webhook(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .sign("msg_1", TS, body));
        assertThat(WebhookSigner.key(raw)).isEqualTo(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(WebhookSigner.isStandard(raw)).isFalse();
        assertThat(WebhookSigner.isStandard(SECRET)).isTrue();

        WebhookVerifier v = new WebhookVerifier(raw, Duration.ofMinutes(5), clock);
        v.verify("msg_1", Long.toString(TS), ours, body);
        v.verifyLegacy(WebhookSigner.legacySignature(raw, body), body);
        // a whsec_ secret with the same characters is another key: its signature does not verify
        assertThatThrownBy(() -> v.verify("msg_1", Long.toString(TS),
                WebhookSigner.standardSignature(SECRET, "msg_1", TS, body), body))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rejectsEmptySecretsAndBadBase64AfterThePrefix() {
        assertThatThrownBy(() -> new WebhookVerifier("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookVerifier(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookVerifier("whsec_not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookVerifier("whsec_")).isInstanceOf(IllegalArgumentException.class);
    }
}
