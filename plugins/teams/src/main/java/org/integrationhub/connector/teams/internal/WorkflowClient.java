package org.integrationhub.connector.teams.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Posts messages to a Teams Workflows webhook ("Send webhook alerts to a channel"). The flow answers 202 with an
 * empty body whatever happens inside it, so any 2xx counts as delivered. The URL carries its own SAS signature: it is
 * a credential and never appears in a message, log line or health detail.
 */
final class WorkflowClient {

    static final String WHAT = "Teams Workflows webhook";

    private final TeamsHttp http;
    private final URI url;

    /** @param url the webhook URL, already checked by {@link #problem(String)} */
    WorkflowClient(TeamsHttp http, String url) {
        this.http = http;
        this.url = URI.create(url);
    }

    /**
     * @param url the configured webhook URL (resolved secret)
     * @return why it cannot be used, or null when it is a well-formed absolute http(s) URL with a host
     */
    static String problem(String url) {
        if (url == null || url.isBlank()) {
            return ".webhook.url is not set";
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                return ".webhook.url must be an absolute https URL";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return ".webhook.url is not a well-formed URL";
        }
    }

    /**
     * @param message a message with the card attachment ({@link TicketCard#message})
     * @throws IntegrationException classified failure; 429 and 5xx are retryable
     */
    void post(ObjectNode message) throws IntegrationException {
        HttpRequest request = http.request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(message))).build();
        HttpResponse<String> response = http.exchange(request, WHAT);
        if (!TeamsHttp.ok(response)) {
            IntegrationException failure = TeamsHttp.failure(response, WHAT);
            if (response.statusCode() == 404) {
                // a deleted flow: the URL no longer names anything
                throw new IntegrationException(ErrorCategory.CONFIGURATION, WHAT
                        + " answered HTTP 404: the workflow was deleted or the URL is wrong", null);
            }
            throw failure;
        }
    }
}
