package org.integrationhub.connector.teams.internal;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The RSA keys Bot Framework signs its requests with: the JWKS named by {@code jwks_uri} in the OpenID metadata
 * document. Cached for {@link #MAX_AGE}; a token naming an unknown key id refreshes the cache, at most once per
 * {@link #MIN_REFRESH} (so forged key ids cannot make the hub hammer the metadata endpoint). Thread-safe.
 */
final class BotKeys {

    static final Duration MAX_AGE = Duration.ofHours(24);
    static final Duration MIN_REFRESH = Duration.ofMinutes(5);
    static final String WHAT = "Bot Framework OpenID metadata";
    /** At most this many keys are kept from one JWKS. */
    private static final int MAX_KEYS = 100;

    /** One signing key and the channels it is endorsed for (empty: no endorsements published). */
    record Key(PublicKey publicKey, Set<String> endorsements) {
    }

    private final TeamsHttp http;
    private final URI metadataUrl;
    private final Clock clock;
    private Map<String, Key> keys = Map.of();
    private Instant fetchedAt = Instant.MIN;

    BotKeys(TeamsHttp http, String metadataUrl, Clock clock) {
        this.http = http;
        this.metadataUrl = URI.create(metadataUrl);
        this.clock = clock;
    }

    /**
     * @param kid the key id of a token's header
     * @return the key, or null when the published set has no such key
     * @throws IntegrationException when the keys cannot be fetched
     */
    synchronized Key key(String kid) throws IntegrationException {
        Instant now = clock.instant();
        boolean stale = fetchedAt.plus(MAX_AGE).isBefore(now);
        boolean mayRefresh = !fetchedAt.plus(MIN_REFRESH).isAfter(now);
        if (stale || !keys.containsKey(kid) && mayRefresh) {
            keys = fetch();
            fetchedAt = now;
        }
        return keys.get(kid);
    }

    private Map<String, Key> fetch() throws IntegrationException {
        JsonNode metadata = get(metadataUrl);
        String jwksUri = metadata.path("jwks_uri").asText("");
        if (jwksUri.isEmpty()) {
            throw new IntegrationException(ErrorCategory.REMOTE, WHAT + " has no jwks_uri", null);
        }
        JsonNode jwks = get(URI.create(jwksUri));
        Map<String, Key> found = new HashMap<>();
        for (JsonNode jwk : jwks.path("keys")) {
            if (found.size() >= MAX_KEYS) {
                break;
            }
            String kid = jwk.path("kid").asText("");
            if (kid.isEmpty() || !"RSA".equals(jwk.path("kty").asText()) || jwk.has("use")
                    && !"sig".equals(jwk.path("use").asText())) {
                continue;
            }
            try {
                BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText("")));
                BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText("")));
                PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
                Set<String> endorsements = new HashSet<>();
                jwk.path("endorsements").forEach(v -> endorsements.add(v.asText()));
                found.put(kid, new Key(key, Set.copyOf(endorsements)));
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                // a malformed key cannot verify anything: skip it
            }
        }
        return Map.copyOf(found);
    }

    private JsonNode get(URI uri) throws IntegrationException {
        HttpResponse<String> response = http.exchange(http.request(uri).header("Accept", "application/json").GET()
                .build(), WHAT);
        if (!TeamsHttp.ok(response)) {
            throw TeamsHttp.failure(response, WHAT);
        }
        JsonNode node = Json.parse(response.body());
        if (!node.isObject()) {
            throw new IntegrationException(ErrorCategory.REMOTE, WHAT + " answered no JSON object", null);
        }
        return node;
    }
}
