package org.integrationhub.connector.teams.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The bot's access token for the Bot Connector: OAuth 2.0 client credentials at
 * {@code <login.url>/<tenant>/oauth2/v2.0/token} with scope {@value #SCOPE}, cached until {@value #EARLY_SECONDS}
 * seconds before it expires and dropped when the Bot Connector answers 401. Thread-safe; the token never leaves
 * this class except as the value of an Authorization header.
 */
final class BotTokens {

    static final String SCOPE = "https://api.botframework.com/.default";
    static final String WHAT = "Microsoft identity platform token endpoint";
    /** Renew this long before the token's expiry. */
    static final long EARLY_SECONDS = 120;

    private final TeamsHttp http;
    private final URI endpoint;
    private final String form;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    BotTokens(TeamsHttp http, String loginUrl, String tenant, String appId, String appSecret, Clock clock) {
        this.http = http;
        this.endpoint = URI.create(loginUrl.replaceAll("/+$", "") + "/" + encode(tenant) + "/oauth2/v2.0/token");
        this.form = "grant_type=client_credentials&client_id=" + encode(appId) + "&client_secret="
                + encode(appSecret) + "&scope=" + encode(SCOPE);
        this.clock = clock;
    }

    /** @return a valid token, from the cache or freshly fetched */
    synchronized String token() throws IntegrationException {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Fetches a new token now (health checks: proves the credentials still work). */
    synchronized void refresh() throws IntegrationException {
        fetch();
    }

    /** Forgets the cached token if it is still the one given (the Bot Connector refused it). */
    synchronized void invalidate(String refused) {
        if (refused != null && refused.equals(token)) {
            token = null;
        }
    }

    private void fetch() throws IntegrationException {
        HttpRequest request = http.request(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        Instant asked = clock.instant();
        HttpResponse<String> response = http.exchange(request, WHAT);
        if (!TeamsHttp.ok(response)) {
            IntegrationException failure = TeamsHttp.failure(response, WHAT);
            // invalid_client / unauthorized_client come as 400 or 401: wrong app id or secret
            if (response.statusCode() == 400 || response.statusCode() == 401) {
                throw new IntegrationException(ErrorCategory.AUTHENTICATION, failure.getMessage(), null);
            }
            throw failure;
        }
        JsonNode body = Json.parse(response.body());
        String accessToken = body.path("access_token").asText("");
        long expiresIn = body.path("expires_in").asLong(0);
        if (accessToken.isEmpty() || expiresIn <= 0) {
            throw new IntegrationException(ErrorCategory.REMOTE, WHAT + " answered without access_token/expires_in",
                    null);
        }
        token = accessToken;
        renewAt = asked.plus(Duration.ofSeconds(Math.max(expiresIn - EARLY_SECONDS, expiresIn / 2)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "BotTokens[" + endpoint + "]";
    }
}
