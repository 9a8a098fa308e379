package org.integrationhub.connector.hubspot.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HubSpot CRM v3 as strict as HubSpot: answers as HubSpot's reference documents them (contact objects with
 * {@code id}, {@code properties}, {@code createdAt}, {@code updatedAt}, {@code archived}; search pages with
 * {@code total}, {@code results}; error bodies with {@code status}, {@code message}, {@code correlationId},
 * {@code category}, and {@code policyName} on a 429), and {@link #violations} names what HubSpot would refuse in a
 * request (401 without a bearer token, 400 {@code VALIDATION_ERROR} for a search body HubSpot's schema rejects, an
 * {@code idProperty} other than {@code email}, a page size over 100). {@link #answerNormally} answers refused
 * requests as HubSpot does; tests assert that no request of the connector had a violation.
 */
final class FakeHubSpot {

    static final String SEARCH = "/crm/v3/objects/contacts/search";
    static final String CONTACTS = "/crm/v3/objects/contacts";
    static final String CONTACT_ID = "5101";
    static final String EMAIL = "ann@example.com";

    /** The operators of HubSpot's CRM search filters. */
    static final Set<String> OPERATORS = Set.of("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN",
            "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN");
    private static final Set<String> SEARCH_FIELDS = Set.of("filterGroups", "sorts", "query", "properties", "limit",
            "after");
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeHubSpot() {
    }

    /** A contact object with the properties the connector asks for, last modified at {@code updatedAt}. */
    static String contact(String id, String email, String company, String phone, String stage, String revenue,
            String updatedAt) {
        return "{\"id\":\"" + id + "\",\"properties\":{\"company\":" + quoted(company) + ",\"createdate\":"
                + "\"2026-11-02T09:14:51.177Z\",\"email\":" + quoted(email) + ",\"firstname\":\"Ann\","
                + "\"hs_object_id\":\"" + id + "\",\"lastmodifieddate\":\"" + updatedAt + "\","
                + "\"lastname\":\"Example\",\"lifecyclestage\":" + quoted(stage) + ",\"phone\":" + quoted(phone)
                + ",\"total_revenue\":" + quoted(revenue) + "},\"createdAt\":\"2026-11-02T09:14:51.177Z\","
                + "\"updatedAt\":\"" + updatedAt + "\",\"archived\":false}";
    }

    /** A contact object with the properties the connector asks for. */
    static String contact(String id, String email, String company, String phone, String stage, String revenue) {
        return contact(id, email, company, phone, stage, revenue, "2026-12-01T16:02:10.843Z");
    }

    /** Ann at Acme, a customer worth 12500.5. */
    static String ann() {
        return contact(CONTACT_ID, EMAIL, "Acme Corp", "+49 30 1234567", "customer", "12500.5");
    }

    /** @return a search answer holding the given contact objects */
    static String searchResult(String... contacts) {
        return "{\"total\":" + contacts.length + ",\"results\":[" + String.join(",", contacts) + "]}";
    }

    /** HubSpot's 404 for a read of an object it does not have (by record id or by {@code idProperty=email}). */
    static String objectNotFound(String id) {
        return "{\"status\":\"error\",\"message\":\"Object not found.  objectId are usually numeric.\","
                + "\"correlationId\":\"0b6e2f2c-5a1d-4d7e-9c38-2f0e4f5a6b7c\",\"context\":{\"id\":["
                + JSON.valueToTree(id) + "]},\"category\":\"OBJECT_NOT_FOUND\"}";
    }

    static String notFound() {
        return "{\"status\":\"error\",\"message\":\"resource not found\",\"correlationId\":"
                + "\"7c0e7d1e-93c3-4a55-9d6e-1b8c0d0f3a11\",\"category\":\"OBJECT_NOT_FOUND\"}";
    }

    /** A 429 body as HubSpot sends it for the given policy. */
    static String rateLimited(String policy) {
        return "{\"status\":\"error\",\"message\":\"You have reached your " + policy.toLowerCase()
                + " limit.\",\"errorType\":\"RATE_LIMIT\",\"correlationId\":\"c033cdaa-2c40-4a64-ae48-b4cec88dad24\","
                + "\"policyName\":\"" + policy + "\",\"requestId\":\"3d3e35b7-0dae-4b9f-a6e3-9c34fa12b9bd\"}";
    }

    /** HubSpot's 400 for a request body or parameter its schema refuses. */
    static String validationError(String message) {
        return "{\"status\":\"error\",\"message\":" + JSON.valueToTree(message) + ",\"correlationId\":"
                + "\"5b0e2a41-7c55-4a9b-9a0e-3f1c6d2e8b77\",\"category\":\"VALIDATION_ERROR\"}";
    }

    /** HubSpot's 401 for a missing or unknown token. */
    static String invalidAuthentication() {
        return "{\"status\":\"error\",\"message\":\"Authentication credentials not found. This API supports OAuth 2.0 "
                + "authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/"
                + "oauth-overview\",\"correlationId\":\"a1b2c3d4-e5f6-7890-abcd-ef1234567890\",\"category\":"
                + "\"INVALID_AUTHENTICATION\"}";
    }

    /**
     * Answers like a healthy account where Ann is a contact, and refuses what HubSpot refuses (401, 400, 404 with
     * HubSpot's bodies). Routes a test scripts with {@link FakeHttpServer#route} answer before this.
     */
    static FakeHttpServer answerNormally(FakeHttpServer remote) {
        return remote.otherwise(FakeHubSpot::answer);
    }

    private static Reply answer(Recorded r) {
        List<String> problems = violations(r);
        if (!problems.isEmpty()) {
            return problems.get(0).startsWith("401")
                    ? Reply.of(401, invalidAuthentication()) : Reply.of(400, validationError(problems.get(0)));
        }
        if (r.method().equals("POST") && r.path().equals(SEARCH)) {
            String value = read(r.body()).path("filterGroups").path(0).path("filters").path(0).path("value").asText();
            return Reply.of(200, EMAIL.equalsIgnoreCase(value) ? searchResult(ann()) : searchResult());
        }
        if (r.method().equals("GET") && r.path().equals(CONTACTS)) {
            return Reply.of(200, "{\"results\":[" + ann() + "],\"paging\":{\"next\":{\"after\":\"5102\",\"link\":"
                    + "\"https://api.hubapi.com/crm/v3/objects/contacts?after=5102\"}}}");
        }
        if (r.method().equals("GET") && r.path().startsWith(CONTACTS + "/")) {
            String id = r.path().substring(CONTACTS.length() + 1);
            boolean byEmail = "email".equals(r.queryParameter("idProperty"));
            return (byEmail ? EMAIL.equalsIgnoreCase(id) : CONTACT_ID.equals(id)) ? Reply.of(200, ann())
                    : Reply.of(404, objectNotFound(id));
        }
        return Reply.of(404, notFound());
    }

    /**
     * @param r a request the connector sent
     * @return what HubSpot would refuse in it ("401 …" for authentication, otherwise a 400's reason); empty if none
     */
    static List<String> violations(Recorded r) {
        List<String> problems = new ArrayList<>();
        String authorization = r.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            problems.add("401 no bearer token");
        }
        if (r.query().contains("hapikey=") || r.query().contains("access_token=")) {
            problems.add("a credential in the query string");
        }
        if (r.method().equals("POST") && r.path().equals(SEARCH)) {
            String type = r.header("Content-Type");
            if (type == null || !type.toLowerCase().startsWith("application/json")) {
                problems.add("search without Content-Type application/json");
            }
            searchViolations(read(r.body()), problems);
        } else if (r.method().equals("GET") && r.path().equals(CONTACTS)) {
            String limit = r.queryParameter("limit");
            if (limit != null && !(limit.matches("\\d{1,3}") && Integer.parseInt(limit) >= 1
                    && Integer.parseInt(limit) <= 100)) {
                problems.add("limit must be 1..100, was " + limit);
            }
        } else if (r.method().equals("GET") && r.path().startsWith(CONTACTS + "/")) {
            String id = r.path().substring(CONTACTS.length() + 1);
            String idProperty = r.queryParameter("idProperty");
            if (id.isEmpty() || id.contains("/")) {
                problems.add("no object id in the path");
            }
            if (idProperty != null && !idProperty.equals("email")) {
                problems.add("idProperty must be a unique property (email), was " + idProperty);
            }
            if (idProperty == null && !id.matches("\\d+")) {
                problems.add("object ids are numeric: " + id);
            }
            String properties = r.queryParameter("properties");
            if (properties != null && (properties.isBlank() || properties.contains(" "))) {
                problems.add("properties must be a comma-separated list of names");
            }
        } else {
            problems.add("HubSpot has no " + r.method() + " " + r.path() + " that the connector needs");
        }
        return problems;
    }

    private static void searchViolations(JsonNode body, List<String> problems) {
        if (body == null || !body.isObject()) {
            problems.add("Invalid input JSON: the search body is not a JSON object");
            return;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!SEARCH_FIELDS.contains(name)) {
                problems.add("Unrecognized field \"" + name + "\"");
            }
        }
        JsonNode groups = body.path("filterGroups");
        if (!groups.isMissingNode() && (!groups.isArray() || groups.size() > 5)) {
            problems.add("filterGroups must be an array of at most 5 groups");
        }
        int filters = 0;
        for (JsonNode group : groups) {
            for (Map.Entry<String, JsonNode> f : iterable(group)) {
                if (!f.getKey().equals("filters")) {
                    problems.add("Unrecognized field \"" + f.getKey() + "\" in a filter group");
                }
            }
            if (!group.path("filters").isArray() || group.path("filters").size() > 6) {
                problems.add("a filter group needs a filters array of at most 6 filters");
            }
            for (JsonNode filter : group.path("filters")) {
                filters++;
                String operator = filter.path("operator").asText("");
                if (!filter.path("propertyName").isTextual() || filter.path("propertyName").asText().isEmpty()) {
                    problems.add("a filter without propertyName");
                }
                if (!OPERATORS.contains(operator)) {
                    problems.add("Unknown operator " + operator);
                } else if (Set.of("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN")
                        .contains(operator) && !filter.path("value").isValueNode()) {
                    problems.add("operator " + operator + " needs a value");
                }
            }
        }
        if (filters > 18) {
            problems.add("at most 18 filters in all");
        }
        JsonNode properties = body.path("properties");
        if (!properties.isMissingNode()) {
            if (!properties.isArray()) {
                problems.add("properties must be an array of property names");
            }
            properties.forEach(p -> {
                if (!p.isTextual()) {
                    problems.add("properties must be an array of property names");
                }
            });
        }
        JsonNode limit = body.path("limit");
        if (!limit.isMissingNode() && (!limit.isInt() || limit.asInt() < 1 || limit.asInt() > 200)) {
            problems.add("limit must be an integer 1..200");
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
