package org.integrationhub.connector.salesforce.internal.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The signed JWT of Salesforce's OAuth 2.0 JWT bearer flow (RFC 7523): header {@code {"alg":"RS256"}}, claims
 * {@code iss} = consumer key, {@code sub} = username, {@code aud} = the login server, {@code exp} = now + 3 minutes
 * (Salesforce's maximum), signed with {@code SHA256withRSA}. Thread-safe.
 */
public final class JwtAssertion {

    /** How long an assertion is valid: Salesforce refuses an {@code exp} more than 3 minutes ahead. */
    public static final Duration LIFETIME = Duration.ofMinutes(3);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final String subject;
    private final String audience;
    private final PrivateKey key;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public JwtAssertion(String issuer, String subject, String audience, PrivateKey key, Clock clock) {
        this.issuer = issuer;
        this.subject = subject;
        this.audience = audience;
        this.key = key;
        this.clock = clock;
    }

    /** @return a fresh compact JWS: {@code base64url(header).base64url(claims).base64url(signature)} */
    public String sign() {
        ObjectNode claims = json.createObjectNode().put("iss", issuer).put("sub", subject).put("aud", audience)
                .put("exp", clock.instant().plus(LIFETIME).getEpochSecond());
        String input = BASE64URL.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "JwtAssertion[iss=" + issuer + ", sub=" + subject + ", aud=" + audience + "]";
    }
}
