package org.integrationhub.connector.salesforce.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The few Salesforce REST calls the connector makes, over the platform's JDK HTTP client. Access comes from the OAuth
 * 2.0 JWT bearer flow: {@code POST {login}/services/oauth2/token} with a fresh {@link JwtAssertion}, answering an
 * {@code access_token} and the org's {@code instance_url}, both kept until Salesforce answers 401
 * {@code INVALID_SESSION_ID} (there is no refresh token and no {@code expires_in}): then one new token is minted and the
 * call repeated once. Every failure is a classified {@link IntegrationException}; no token, key or assertion is ever
 * part of a message. The last {@code Sforce-Limit-Info} header seen is kept for health. Thread-safe.
 */
public final class SalesforceClient {

    /** A Salesforce record id: 15 or 18 case-sensitive alphanumerics. Anything else never reaches a URL. */
    public static final Pattern RECORD_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    /** The largest answer read (a full query batch of Cases with long Descriptions stays well below). */
    static final int MAX_BODY = 16 * 1024 * 1024;
    /** How many pages of one query are read at most. */
    static final int MAX_QUERY_PAGES = 10;
    /** A query cursor path as Salesforce answers it: {@code /services/data/v62.0/query/01gD0000002HU6KIAW-2000}. */
    private static final Pattern NEXT_RECORDS = Pattern.compile("/services/data/v[0-9]{2,3}\\.0/query/[A-Za-z0-9-]+");

    /** An access token and the org's API host, from one token answer. */
    record Session(String accessToken, String instanceUrl) {
        @Override
        public String toString() {
            return "Session[" + instanceUrl + "]";
        }
    }

    private final HttpClient http;
    private final String loginUrl;
    private final String apiVersion;
    private final JwtAssertion assertion;
    private final Duration timeout;
    private final ObjectMapper json;
    private final SalesforceErrors errors;
    private final Object minting = new Object();
    private volatile Session session;
    private volatile String limitInfo = "";

    public SalesforceClient(HttpClient http, String loginUrl, String apiVersion, JwtAssertion assertion,
            Duration timeout, ObjectMapper json, SalesforceErrors errors) {
        this.http = http;
        this.loginUrl = loginUrl.replaceAll("/+$", "");
        this.apiVersion = apiVersion;
        this.assertion = assertion;
        this.timeout = timeout;
        this.json = json;
        this.errors = errors;
    }

    /** @return the org's instance URL (minting a token if none is held) */
    public String instanceUrl() throws IntegrationException {
        return session().instanceUrl();
    }

    /** @return the last {@code Sforce-Limit-Info} value Salesforce sent, e.g. {@code api-usage=18/5000}; "" if none */
    public String limitInfo() {
        return limitInfo;
    }

    /** @param id a record id @return where a person opens the Case: {@code <instance>/lightning/r/Case/<id>/view} */
    public String caseUrl(String id) throws IntegrationException {
        return instanceUrl() + "/lightning/r/Case/" + id + "/view";
    }

    /**
     * {@code GET …/query?q=<SOQL>}, then each {@code nextRecordsUrl} while {@code done} is false (Salesforce answers
     * at most one batch, 2,000 records or fewer, per call), up to {@value #MAX_QUERY_PAGES} pages.
     *
     * @param soql a query whose values went through {@link Soql#literal}
     * @return the records of every page, in Salesforce's order
     */
    public List<JsonNode> query(String soql, String what) throws IntegrationException {
        JsonNode page = call("GET", "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), null, what);
        List<JsonNode> records = new ArrayList<>();
        for (int pages = 1;; pages++) {
            page.path("records").forEach(records::add);
            if (page.path("done").asBoolean(true)) {
                return records;
            }
            String next = page.path("nextRecordsUrl").asText("");
            String prefix = "/services/data/" + apiVersion;
            if (!NEXT_RECORDS.matcher(next).matches() || !next.startsWith(prefix + "/query/")) {
                throw new IntegrationException(ErrorCategory.REMOTE, "Salesforce answered " + what + " with more "
                        + "records but no usable nextRecordsUrl", null);
            }
            if (pages >= MAX_QUERY_PAGES) {
                throw new IntegrationException(ErrorCategory.REMOTE, "Salesforce answered " + what + " with more "
                        + "than " + MAX_QUERY_PAGES + " pages of records", null);
            }
            page = call("GET", next.substring(prefix.length()), null, what);
        }
    }

    /** {@code GET …/sobjects/{type}/{id}?fields=…}; empty if the record does not exist or is not readable (404/403). */
    public Optional<JsonNode> record(String type, String id, String fields, String what) throws IntegrationException {
        try {
            return Optional.of(call("GET", "/sobjects/" + type + "/" + requireId(id) + "?fields=" + fields, null,
                    what));
        } catch (IntegrationException e) {
            if (e.category() == ErrorCategory.CONFIGURATION || e.category() == ErrorCategory.AUTHENTICATION
                    && e.getMessage().contains("HTTP 403")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code POST …/sobjects/{type}} → 201 {@code {"id","success","errors"}}.
     *
     * @return the new record's id
     */
    public String create(String type, ObjectNode fields, String what) throws IntegrationException {
        JsonNode created = call("POST", "/sobjects/" + type, fields, what);
        String id = created.path("id").asText("");
        if (!created.path("success").asBoolean(true) || !RECORD_ID.matcher(id).matches()) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Salesforce answered " + what + " without a record "
                    + "id: " + errors.detail(created.path("errors").toString()).text(), null);
        }
        return id;
    }

    /** {@code PATCH …/sobjects/{type}/{id}} → 204. */
    public void update(String type, String id, ObjectNode fields, String what) throws IntegrationException {
        call("PATCH", "/sobjects/" + type + "/" + requireId(id), fields, what);
    }

    /** {@code GET …/limits}: the org's allocations, e.g. {@code DailyApiRequests {Max, Remaining}}. */
    public JsonNode limits() throws IntegrationException {
        return call("GET", "/limits", null, "read the org's limits");
    }

    private static String requireId(String id) throws IntegrationException {
        if (id == null || !RECORD_ID.matcher(id).matches()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "not a Salesforce record id: " + id, null);
        }
        return id;
    }

    private JsonNode call(String method, String path, JsonNode body, String what) throws IntegrationException {
        Session current = session();
        Answer response = send(current, method, path, body, what);
        if (response.statusCode() == 401 && response.body() != null
                && response.body().contains(SalesforceErrors.INVALID_SESSION_ID)) {
            invalidate(current);
            response = send(session(), method, path, body, what); // once: a second 401 is an answer
        }
        return parse(response, what, false);
    }

    /** A response read in full (at most {@value #MAX_BODY} bytes). */
    record Answer(int statusCode, HttpHeaders headers, String body) {
    }

    private Answer send(Session s, String method, String path, JsonNode body, String what)
            throws IntegrationException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.instanceUrl() + "/services/data/"
                + apiVersion + path)).timeout(timeout).header("Authorization", "Bearer " + s.accessToken())
                .header("Accept", "application/json").header("User-Agent", "integration-hub-salesforce");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        Answer response = exchange(request.build(), what);
        response.headers().firstValue("Sforce-Limit-Info").ifPresent(v -> limitInfo = v.strip());
        return response;
    }

    private Session session() throws IntegrationException {
        Session s = session;
        if (s != null) {
            return s;
        }
        synchronized (minting) {
            if (session == null) {
                session = mint();
            }
            return session;
        }
    }

    private void invalidate(Session stale) {
        synchronized (minting) {
            if (session == stale) {
                session = null;
            }
        }
    }

    private Session mint() throws IntegrationException {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer",
                StandardCharsets.UTF_8) + "&assertion=" + URLEncoder.encode(assertion.sign(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(loginUrl + "/services/oauth2/token")).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("User-Agent", "integration-hub-salesforce")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.US_ASCII)).build();
        JsonNode answer = parse(exchange(request, "mint an access token"), "mint an access token", true);
        String token = answer.path("access_token").asText("");
        String instance = answer.path("instance_url").asText("").replaceAll("/+$", "");
        if (token.isEmpty() || !isHttpUrl(instance)) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Salesforce's token answer has no access_token or "
                    + "no http(s) instance_url", null);
        }
        return new Session(token, instance);
    }

    private Answer exchange(HttpRequest request, String what) throws IntegrationException {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    throw new IntegrationException(ErrorCategory.REMOTE, "Salesforce answered " + what + " with more "
                            + "than " + MAX_BODY + " bytes", null);
                }
                return new Answer(response.statusCode(), response.headers(), new String(bytes,
                        StandardCharsets.UTF_8));
            }
        } catch (HttpTimeoutException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "Salesforce did not answer " + what
                    + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "Salesforce unreachable on " + what + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "interrupted while calling Salesforce ("
                    + what + ")", e);
        }
    }

    private JsonNode parse(Answer response, String what, boolean tokenCall)
            throws IntegrationException {
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw errors.of(what, status, response.headers(), response.body(), tokenCall);
        }
        String text = response.body();
        try {
            JsonNode node = text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
            if (!node.isObject()) {
                throw new IOException("not an object");
            }
            return node;
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Salesforce answered " + what + " with a body that "
                    + "is not a JSON object", null);
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SalesforceClient[login=" + loginUrl + ", version=" + apiVersion + "]";
    }
}
