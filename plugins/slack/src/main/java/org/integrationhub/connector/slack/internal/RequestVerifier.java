package org.integrationhub.connector.slack.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.integrationhub.spi.InboundRequest;

/**
 * Slack's request signing: {@code X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:" + ts + ":" + raw
 * body)>} with {@code X-Slack-Request-Timestamp} no further than 5 minutes from now. Checked on the raw bytes,
 * before anything parses the body; the compare is constant-time.
 */
final class RequestVerifier {

    static final String SIGNATURE = "X-Slack-Signature";
    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Clock clock;

    RequestVerifier(String signingSecret, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** @return null if the request is signed with this secret and fresh, else why not (no secrets in it) */
    String problem(InboundRequest request) {
        if (secret.length == 0) {
            return "this Slack instance has no signing secret configured";
        }
        String ts = request.header(TIMESTAMP);
        String signature = request.header(SIGNATURE);
        if (ts == null || signature == null) {
            return "missing " + (ts == null ? TIMESTAMP : SIGNATURE) + " header";
        }
        long seconds;
        try {
            seconds = Long.parseLong(ts.strip());
        } catch (NumberFormatException e) {
            return TIMESTAMP + " is not a unix timestamp";
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            return "request timestamp outside the 5-minute window";
        }
        byte[] expected = ("v0=" + sign(ts.strip(), request.body())).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return "signature mismatch";
        }
        return null;
    }

    private String sign(String ts, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
