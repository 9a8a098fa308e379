package org.integrationhub.connector.jira.internal.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.integrationhub.spi.InboundRequest;

/**
 * Jira's signature of admin webhooks that have a secret (WebSub style): {@code X-Hub-Signature: sha256=<hex
 * HMAC-SHA256(secret, raw body)>}. Checked on the raw bytes before anything parses the body; the compare is
 * constant-time.
 */
public final class WebhookVerifier {

    static final String SIGNATURE = "X-Hub-Signature";
    private static final String PREFIX = "sha256=";

    private final byte[] secret;

    public WebhookVerifier(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** @return null if the request is signed with this secret, else why not (never the secret or a signature) */
    public String problem(InboundRequest request) {
        if (secret.length == 0) {
            return "this Jira instance has no .webhook.secret configured";
        }
        String header = request.header(SIGNATURE);
        if (header == null) {
            return "missing " + SIGNATURE + " header";
        }
        String given = header.strip().toLowerCase(Locale.ROOT);
        if (!given.startsWith(PREFIX)) {
            return SIGNATURE + " is not sha256=<hex>";
        }
        byte[] expected = (PREFIX + sign(request.body())).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
            return "signature mismatch";
        }
        return null;
    }

    /** @return the lower-case hex HMAC-SHA256 of the body under this secret */
    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
