package org.integrationhub.connector.hubspot.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The few HubSpot CRM v3 calls the connector makes (base URL {@code api.url}, e.g. {@code https://api.hubapi.com}),
 * on the platform's JDK HTTP client, with the token as {@code Authorization: Bearer}, never in a URL. It only reads:
 * nothing it sends changes anything at HubSpot. Failures are classified by {@link HubSpotErrors}. Thread-safe.
 */
public final class HubSpotClient {

    /** The contact search (CRM search API). */
    public static final String SEARCH_PATH = "/crm/v3/objects/contacts/search";
    /** The contacts collection; {@code /{id}} reads one. */
    public static final String CONTACTS_PATH = "/crm/v3/objects/contacts";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROPERTIES = String.join(",", Contact.PROPERTIES);
    /** The most of an answer read: a contact or a one-result page is a few KB; more is not HubSpot's answer. */
    static final int MAX_BODY = 1024 * 1024;

    private final HttpClient http;
    private final String base;
    private final String authorization;
    private final Duration timeout;
    private final HubSpotErrors errors;

    /**
     * @param http the platform's client
     * @param apiUrl base URL, e.g. {@code https://api.hubapi.com}
     * @param token the app's access token
     * @param timeout time limit of one call
     */
    public HubSpotClient(HttpClient http, String apiUrl, String token, Duration timeout) {
        this.http = http;
        this.base = apiUrl.replaceAll("/+$", "");
        this.authorization = "Bearer " + token;
        this.timeout = timeout;
        this.errors = new HubSpotErrors(token);
    }

    /**
     * The contact with this primary e-mail address: the CRM search {@code email EQ <email>} first (the original
     * design's call); when it finds none, {@code GET /contacts/{email}?idProperty=email}, because the search index
     * trails new and changed contacts by a few seconds while a read by e-mail does not.
     *
     * @return the contact, or empty if HubSpot has none with this address
     */
    public Optional<Contact> findByEmail(String email) throws IntegrationException {
        JsonNode results = call("POST", SEARCH_PATH, "", searchBody(email), timeout).path("results");
        if (results.isArray() && results.size() > 0) {
            return Optional.of(Contact.of(results.get(0)));
        }
        return read(encode(email), "&idProperty=email", timeout);
    }

    /**
     * @param id a contact's record id
     * @param maxWait how long the read may take at most (the call's time limit is the shorter of this and
     *        {@code timeout.millis})
     * @return the contact with this record id (after a merge: the surviving contact, with its own id), or empty if
     *         HubSpot has none (deleted)
     */
    public Optional<Contact> contact(String id, Duration maxWait) throws IntegrationException {
        Duration limit = maxWait.compareTo(timeout) < 0 ? maxWait : timeout;
        return read(encode(id), "", limit.isNegative() || limit.isZero() ? Duration.ofMillis(1) : limit);
    }

    /** {@code GET /crm/v3/objects/contacts?limit=1}: proves the token and its contacts read scope (the health check). */
    public void checkAccess() throws IntegrationException {
        JsonNode page = call("GET", CONTACTS_PATH, "?limit=1", null, timeout);
        if (!page.path("results").isArray()) {
            throw new IntegrationException(ErrorCategory.REMOTE, "HubSpot answered GET " + CONTACTS_PATH
                    + " without a results list", null);
        }
    }

    /**
     * @param email the address searched for
     * @return the search request: {@code {"filterGroups":[{"filters":[{"propertyName":"email","operator":"EQ",
     *         "value":email}]}],"properties":[…],"limit":1}}
     */
    public static String searchBody(String email) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("filterGroups").addObject().putArray("filters").addObject().put("propertyName", "email")
                .put("operator", "EQ").put("value", email);
        Contact.PROPERTIES.forEach(body.putArray("properties")::add);
        body.put("limit", 1);
        return body.toString();
    }

    private Optional<Contact> read(String idSegment, String extraQuery, Duration limit) throws IntegrationException {
        try {
            JsonNode object = call("GET", CONTACTS_PATH + "/" + idSegment, "?properties=" + PROPERTIES + extraQuery,
                    null, limit);
            Contact contact = Contact.of(object);
            if (contact.id().isEmpty()) {
                throw new IntegrationException(ErrorCategory.REMOTE, "HubSpot answered a contact read without an id",
                        null);
            }
            return Optional.of(contact);
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    /** A 404 of a read by id or e-mail: no such contact. */
    private static final class NotFound extends IntegrationException {
        private static final long serialVersionUID = 1L;

        NotFound() {
            super(ErrorCategory.CONFIGURATION, "no such contact", null);
        }
    }

    private JsonNode call(String method, String path, String query, String json, Duration limit)
            throws IntegrationException {
        // a read by id or e-mail address is shown without them: no address in messages and logs
        String shown = "GET".equals(method) && path.startsWith(CONTACTS_PATH + "/") ? CONTACTS_PATH + "/{id}" : path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + query)).timeout(limit)
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("User-Agent", "integration-hub-hubspot");
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> response;
        String body;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    throw new IntegrationException(ErrorCategory.REMOTE, "HubSpot answered " + method + " " + shown
                            + " with more than " + MAX_BODY + " bytes", null);
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "HubSpot unreachable on " + method + " "
                    + shown + ": " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "interrupted while calling HubSpot", null);
        }
        if (response.statusCode() == 404 && path.startsWith(CONTACTS_PATH + "/") && "GET".equals(method)
                && isHubSpots404(body)) {
            throw new NotFound();
        }
        errors.check(method, shown, response, body);
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.REMOTE, "HubSpot answered " + method + " " + shown
                    + " with a body that is not JSON", null);
        }
    }

    /**
     * HubSpot answers a read of a contact it does not have with 404 and a JSON error body ({@code OBJECT_NOT_FOUND})
     * or none at all; an HTML or text 404 means api.url points at something else.
     */
    private static boolean isHubSpots404(String body) {
        return body == null || body.isBlank() || body.strip().startsWith("{");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
