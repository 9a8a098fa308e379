package org.integrationhub.webhook.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Verifies a webhook delivery as a receiver: the Standard Webhooks headers ({@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}, possibly carrying several space-separated signatures during
 * a secret rotation) with a timestamp tolerance (default ±5 minutes), or the legacy {@code X-Webhook-Signature}.
 * Comparisons are constant-time. Immutable and thread-safe.
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(System.getenv("HUB_WEBHOOK_SECRET"));
 * verifier.verify(id, timestamp, signatureHeader, rawBody); // throws WebhookVerificationException
 * }</pre>
 *
 * @since 0.1.0
 */
public final class WebhookVerifier {

    /** Default tolerance between the {@code webhook-timestamp} and the receiver's clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    /** @param secret the endpoint's secret ({@code whsec_…}, or the raw secret the endpoint was registered with) */
    public WebhookVerifier(String secret) {
        this(secret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /**
     * @param secret the endpoint's secret ({@code whsec_…}, or a raw secret: keyed with its UTF-8 bytes)
     * @param tolerance accepted clock difference either way
     * @param clock the receiver's clock
     */
    public WebhookVerifier(String secret, Duration tolerance, Clock clock) {
        WebhookSigner.key(secret); // validates
        this.secret = secret;
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies the Standard Webhooks headers.
     *
     * @param id the {@code webhook-id} header
     * @param timestamp the {@code webhook-timestamp} header (unix seconds)
     * @param signatures the {@code webhook-signature} header ({@code v1,<base64>} entries separated by spaces)
     * @param body the raw request body, exactly as received
     * @throws WebhookVerificationException if a header is missing or malformed, the timestamp is outside the
     *         tolerance, or no signature matches
     */
    public void verify(String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null || body == null) {
            throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not unix seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - ts) > tolerance.getSeconds()) {
            throw new WebhookVerificationException("webhook-timestamp outside the tolerance of " + tolerance);
        }
        byte[] expected = WebhookSigner.standardSignature(secret, id, ts, body).getBytes(StandardCharsets.UTF_8);
        for (String candidate : signatures.trim().split(" +")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                return;
            }
        }
        throw new WebhookVerificationException("no matching signature");
    }

    /**
     * Verifies the legacy {@code X-Webhook-Signature} (no timestamp, so no replay protection: prefer
     * {@link #verify(String, String, String, String)}).
     *
     * @param signature the header's value (hex)
     * @param body the raw request body
     * @throws WebhookVerificationException if it does not match
     */
    public void verifyLegacy(String signature, String body) {
        if (signature == null || body == null) {
            throw new WebhookVerificationException("missing X-Webhook-Signature");
        }
        byte[] expected = WebhookSigner.legacySignature(secret, body).getBytes(StandardCharsets.UTF_8);
        byte[] actual = signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new WebhookVerificationException("X-Webhook-Signature does not match");
        }
    }
}
