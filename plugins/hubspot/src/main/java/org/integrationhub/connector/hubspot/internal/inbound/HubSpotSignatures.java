package org.integrationhub.connector.hubspot.internal.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's request signatures, keyed with the app's client secret:
 * <ul>
 * <li><b>v3</b> ({@code X-HubSpot-Signature-v3}): Base64(HMAC-SHA256(secret, method + uri + raw body + timestamp)),
 * {@code timestamp} being {@code X-HubSpot-Request-Timestamp} (ms) and {@code uri} the full URL HubSpot called with
 * the escapes of {@link #decodeUri} decoded. The only one the connector accepts: it alone covers a timestamp.</li>
 * <li><b>v2</b>: hex SHA-256(secret + method + uri + raw body); <b>v1</b>: hex SHA-256(secret + raw body)
 * ({@code X-HubSpot-Signature} with {@code X-HubSpot-Signature-Version}). Replayable, so never accepted; the
 * webhook handler uses them to tell an operator whose v3 check fails whether the secret is right and only the URL
 * ({@code publicBaseUrl}) is wrong.</li>
 * </ul>
 * Source strings are UTF-8 with the body's raw bytes in the middle. Comparisons are constant-time. Thread-safe.
 */
public final class HubSpotSignatures {

    /** HubSpot's v3 signature header. */
    public static final String V3_HEADER = "X-HubSpot-Signature-v3";
    /** The timestamp header signed into v3 (milliseconds since the epoch). */
    public static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";
    /** The v1/v2 signature header. */
    public static final String LEGACY_HEADER = "X-HubSpot-Signature";
    /** Names the version of {@link #LEGACY_HEADER}: {@code v1} or {@code v2}. */
    public static final String VERSION_HEADER = "X-HubSpot-Signature-Version";

    /** The escapes HubSpot's v3 validation decodes in the URI before signing, and what they stand for. */
    private static final String[][] DECODED = {{"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"},
        {"%24", "$"}, {"%27", "'"}, {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}};

    private final byte[] secret;

    public HubSpotSignatures(String clientSecret) {
        this.secret = clientSecret == null ? new byte[0] : clientSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** @return whether a client secret is configured (without one nothing verifies) */
    public boolean configured() {
        return secret.length > 0;
    }

    /**
     * @param uri a URL as called
     * @return the URL with {@code %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B} (either case) decoded, as
     *         HubSpot's v3 validation prescribes; other escapes stay as they are
     */
    public static String decodeUri(String uri) {
        StringBuilder out = new StringBuilder(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%' && i + 2 < uri.length()) {
                String escape = uri.substring(i, i + 3);
                String decoded = null;
                for (String[] d : DECODED) {
                    if (d[0].equalsIgnoreCase(escape)) {
                        decoded = d[1];
                    }
                }
                if (decoded != null) {
                    out.append(decoded);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** @return the v3 signature of a request: method, the URI as called (decoded here), raw body, timestamp */
    public String v3(String method, String uri, byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            mac.update(utf8(method + decodeUri(uri)));
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal(utf8(timestamp)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** @return the v2 signature: hex SHA-256 of secret + method + uri + raw body */
    public String v2(String method, String uri, byte[] body) {
        return sha256Hex(secret, utf8(method + uri), body);
    }

    /** @return the v1 signature: hex SHA-256 of secret + raw body */
    public String v1(byte[] body) {
        return sha256Hex(secret, body);
    }

    /** @return whether {@code given} equals {@code expected}, compared in constant time; false for null */
    public static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(utf8(expected), utf8(given.strip()));
    }

    private static String sha256Hex(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                sha.update(p);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
