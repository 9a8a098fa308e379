package org.integrationhub.connector.teams.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Verifies the {@code Authorization: Bearer <JWT>} of a request from Bot Framework (Teams) to the bot: RS256 over a
 * key from {@link BotKeys} (endorsed for the activity's channel), issuer
 * {@value #ISSUER}, audience = the bot's app id, {@code exp}/{@code nbf} within {@link #SKEW}, and the
 * {@code serviceurl} claim equal to the activity's {@code serviceUrl}. Anything else is refused.
 */
final class BotTokenVerifier {

    static final String ISSUER = "https://api.botframework.com";
    static final Duration SKEW = Duration.ofMinutes(5);

    private final BotKeys keys;
    private final String appId;
    private final Clock clock;

    BotTokenVerifier(BotKeys keys, String appId, Clock clock) {
        this.keys = keys;
        this.appId = appId;
        this.clock = clock;
    }

    /** A verified token's claims. */
    record Verified(JsonNode claims, BotKeys.Key key) {
        /** @return the {@code serviceurl} claim */
        String serviceUrl() {
            JsonNode v = claims.has("serviceurl") ? claims.get("serviceurl") : claims.path("serviceUrl");
            return v.asText("");
        }
    }

    /** Why a token was refused; the detail is safe to show the caller (no token content beyond claim names). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Checks the token's signature and claims (everything but the activity's serviceUrl).
     *
     * @param authorization the Authorization header, may be null
     * @return the verified claims
     * @throws Refused when the token is missing, malformed, badly signed or its claims do not fit
     * @throws IntegrationException when the signing keys cannot be fetched
     */
    Verified verify(String authorization) throws Refused, IntegrationException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Refused("missing Bot Framework bearer token");
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new Refused("malformed bearer token");
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new Refused("token algorithm must be RS256");
        }
        BotKeys.Key key = keys.key(header.path("kid").asText(""));
        if (key == null) {
            throw new Refused("token signed with an unknown key");
        }
        if (!signatureValid(key, parts)) {
            throw new Refused("token signature invalid");
        }
        if (!ISSUER.equals(claims.path("iss").asText())) {
            throw new Refused("token issuer is not " + ISSUER);
        }
        if (!audienceMatches(claims.path("aud"))) {
            throw new Refused("token audience is not this bot's app id");
        }
        long now = clock.instant().getEpochSecond();
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() + SKEW.toSeconds() < now) {
            throw new Refused("token expired");
        }
        if (claims.has("nbf") && claims.path("nbf").asLong() - SKEW.toSeconds() > now) {
            throw new Refused("token not valid yet");
        }
        return new Verified(claims, key);
    }

    /**
     * @param token a verified token
     * @param serviceUrl the activity's serviceUrl
     * @param channelId the activity's channelId
     * @throws Refused when the token was issued for another service URL, or its key is not endorsed for the channel
     *         (a key that lists no endorsements is endorsed for none)
     */
    static void checkActivity(Verified token, String serviceUrl, String channelId) throws Refused {
        if (serviceUrl == null || serviceUrl.isBlank() || !normalize(serviceUrl).equals(normalize(token.serviceUrl()))) {
            throw new Refused("serviceUrl of the activity does not match the token's serviceurl claim");
        }
        // Bot Framework requires, by default for every published channel id, that the signing key is endorsed for
        // the activity's channel: a key without endorsements is endorsed for none
        Set<String> endorsements = token.key().endorsements();
        if (channelId == null || !endorsements.contains(channelId)) {
            throw new Refused("signing key is not endorsed for the activity's channel");
        }
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (appId.equals(a.asText())) {
                    return true;
                }
            }
            return false;
        }
        return appId.equals(aud.asText());
    }

    private static boolean signatureValid(BotKeys.Key key, String[] parts) throws Refused {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key.publicKey());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new Refused("token signature invalid");
        }
    }

    private static JsonNode decode(String part) throws Refused {
        try {
            JsonNode node = Json.parse(Base64.getUrlDecoder().decode(part));
            if (!node.isObject()) {
                throw new Refused("malformed bearer token");
            }
            return node;
        } catch (IllegalArgumentException e) {
            throw new Refused("malformed bearer token");
        }
    }

    private static String normalize(String url) {
        return url.trim().replaceAll("/+$", "").toLowerCase(Locale.ROOT);
    }
}
