package org.integrationhub.connector.jira.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Jira Cloud's REST v3 documents for the calls the connector makes, enforced the way Jira answers a request
 * that breaks it, so {@link FakeJira} refuses what the real site would refuse:
 * <ul>
 * <li>every call: {@code Authorization: Basic base64(email:api token)} of a known account (else 401), a JSON
 * {@code Accept} (else 406), no body on GET;</li>
 * <li>bodies: {@code Content-Type: application/json} (else 415) and only the request bean's documented properties
 * (Jira's JSON binding refuses unknown ones: 400);</li>
 * <li>query parameters: only the operation's documented ones (a misspelt {@code fields} or {@code orderBy} would be
 * silently ignored by Jira and change the answer);</li>
 * <li>create issue: {@code summary} a single line of at most 255 characters, labels without spaces, the
 * description an ADF document; add comment: the body an ADF document; remote link: {@code object.url} and
 * {@code object.title}; search: a bounded JQL string, {@code fields} an array, {@code maxResults} a number.</li>
 * </ul>
 * Sources: https://developer.atlassian.com/cloud/jira/platform/rest/v3/ (api-group-issues, -issue-comments,
 * -issue-remote-links, -issue-search {@code search/jql}, -myself), basic auth for REST APIs, and the ADF structure
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/).
 */
final class JiraRequestRules {

    private static final Map<String, Set<String>> QUERY = Map.of(
            "GET /rest/api/3/myself", Set.of("expand"),
            "POST /rest/api/3/issue", Set.of("updateHistory"),
            "POST /rest/api/3/search/jql", Set.of(),
            "GET issue", Set.of("fields", "fieldsByKeys", "expand", "properties", "updateHistory", "failFast"),
            "GET comment", Set.of("startAt", "maxResults", "orderBy", "expand"),
            "POST comment", Set.of("expand"),
            "POST remotelink", Set.of());
    private static final Set<String> CREATE_PROPERTIES = Set.of("fields", "update", "transition", "properties",
            "historyMetadata");
    /** The fields the connector sets; any other one is not on a default create screen. */
    private static final Set<String> CREATE_FIELDS = Set.of("project", "issuetype", "summary", "description",
            "priority", "labels");
    private static final Set<String> COMMENT_PROPERTIES = Set.of("body", "visibility", "properties");
    private static final Set<String> REMOTE_LINK_PROPERTIES = Set.of("globalId", "application", "relationship",
            "object");
    private static final Set<String> SEARCH_PROPERTIES = Set.of("jql", "nextPageToken", "maxResults", "fields",
            "expand", "properties", "fieldsByKeys", "reconcileIssues");

    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> authorizations = new CopyOnWriteArraySet<>();

    /** Accepts calls authenticated as {@code email} with {@code apiToken}. */
    void account(String email, String apiToken) {
        authorizations.add("Basic " + Base64.getEncoder().encodeToString((email + ":" + apiToken)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param r the request
     * @param operation its operation, e.g. {@code "POST comment"} for {@code POST /rest/api/3/issue/{key}/comment},
     *        or null if the fake does not know it
     * @return Jira's refusal, or null if the request is as documented
     */
    Reply refusal(Recorded r, String operation) {
        if (!authorizations.contains(r.header("Authorization"))) {
            return Reply.of(401, "{\"errorMessages\":[\"Client must be authenticated to access this resource.\"],"
                    + "\"errors\":{}}").withHeader("WWW-Authenticate", "Basic realm=\"protected-area\"");
        }
        String accept = r.header("Accept");
        if (accept == null || !(accept.contains("application/json") || accept.contains("*/*"))) {
            return Reply.of(406, "{\"errorMessages\":[\"Not Acceptable: Jira answers application/json\"],"
                    + "\"errors\":{}}");
        }
        if (r.method().equals("GET") && !r.body().isEmpty()) {
            return invalid("A GET request carries no body");
        }
        if (operation == null) {
            return null;
        }
        Set<String> allowed = QUERY.get(operation);
        for (String name : r.queryParameters().keySet()) {
            if (allowed != null && !allowed.contains(name)) {
                return invalid("Unknown query parameter '" + name + "' for " + operation);
            }
        }
        if (operation.equals("GET comment")) {
            String orderBy = r.queryParameter("orderBy");
            if (orderBy != null && !List.of("created", "-created", "+created").contains(orderBy)) {
                return invalid("orderBy must be created, -created or +created");
            }
        }
        if (!r.method().equals("POST")) {
            return null;
        }
        String type = r.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return Reply.of(415, "{\"errorMessages\":[\"Unsupported Media Type\"],\"errors\":{}}");
        }
        JsonNode body;
        try {
            body = json.readTree(r.body());
        } catch (java.io.IOException e) {
            return invalid("Invalid request payload. Refer to the REST API documentation and try again.");
        }
        if (body == null || !body.isObject()) {
            return invalid("Invalid request payload. Refer to the REST API documentation and try again.");
        }
        return switch (operation) {
            case "POST /rest/api/3/issue" -> createIssue(body);
            case "POST comment" -> comment(body);
            case "POST remotelink" -> remoteLink(body);
            case "POST /rest/api/3/search/jql" -> search(body);
            default -> null;
        };
    }

    private Reply createIssue(JsonNode body) {
        Reply unknown = unknownProperty(body, CREATE_PROPERTIES);
        if (unknown != null) {
            return unknown;
        }
        JsonNode fields = body.path("fields");
        ObjectNode errors = json.createObjectNode();
        for (Iterator<String> names = fields.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!CREATE_FIELDS.contains(name)) {
                errors.put(name, "Field '" + name + "' cannot be set. It is not on the appropriate screen, or "
                        + "unknown.");
            }
        }
        if (!fields.path("project").path("key").isTextual() && !fields.path("project").path("id").isTextual()) {
            errors.put("project", "Specify a valid project ID or key");
        }
        if (!fields.path("issuetype").path("name").isTextual() && !fields.path("issuetype").path("id").isTextual()) {
            errors.put("issuetype", "Specify an issue type");
        }
        JsonNode summary = fields.path("summary");
        if (!summary.isTextual() || summary.asText().isBlank()) {
            errors.put("summary", "You must specify a summary of the issue.");
        } else if (summary.asText().length() > 255) {
            errors.put("summary", "Summary must be less than 255 characters.");
        } else if (summary.asText().contains("\n") || summary.asText().contains("\r")) {
            errors.put("summary", "The summary is invalid because it contains newline characters.");
        }
        if (fields.has("description") && AdfRules.problem(fields.get("description")) != null) {
            errors.put("description", "Operation value must be an Atlassian Document (see the Atlassian Document "
                    + "Format)");
        }
        if (fields.has("priority") && !fields.path("priority").path("name").isTextual()
                && !fields.path("priority").path("id").isTextual()) {
            errors.put("priority", "Specify the Priority (name or id) in the string format");
        }
        if (fields.has("labels")) {
            JsonNode labels = fields.get("labels");
            boolean valid = labels.isArray();
            for (JsonNode label : labels) {
                valid &= label.isTextual() && !label.asText().isEmpty() && label.asText().length() <= 255
                        && label.asText().chars().noneMatch(Character::isWhitespace);
            }
            if (!valid) {
                errors.put("labels", "The label '" + labels + "' contains spaces which is invalid.");
            }
        }
        return errors.isEmpty() ? null : Reply.of(400, json.createObjectNode().<ObjectNode>set("errorMessages",
                json.createArrayNode()).<ObjectNode>set("errors", errors).toString());
    }

    private Reply comment(JsonNode body) {
        Reply unknown = unknownProperty(body, COMMENT_PROPERTIES);
        if (unknown != null) {
            return unknown;
        }
        String adf = AdfRules.problem(body.get("body"));
        if (adf != null) {
            return invalid("INVALID_INPUT: " + adf);
        }
        for (JsonNode property : body.path("properties")) {
            if (!property.path("key").isTextual() || !property.has("value")) {
                return invalid("A comment property needs a key and a value");
            }
        }
        return body.has("properties") && !body.get("properties").isArray()
                ? invalid("properties must be an array") : null;
    }

    private Reply remoteLink(JsonNode body) {
        Reply unknown = unknownProperty(body, REMOTE_LINK_PROPERTIES);
        if (unknown != null) {
            return unknown;
        }
        JsonNode object = body.path("object");
        if (!object.path("url").isTextual() || object.path("url").asText().isBlank()) {
            return Reply.of(400, "{\"errorMessages\":[],\"errors\":{\"url\":\"'url' is required.\"}}");
        }
        if (!object.path("title").isTextual() || object.path("title").asText().isBlank()) {
            return Reply.of(400, "{\"errorMessages\":[],\"errors\":{\"title\":\"'title' is required.\"}}");
        }
        return body.has("globalId") && (!body.get("globalId").isTextual()
                || body.get("globalId").asText().length() > 255) ? invalid("globalId: at most 255 characters") : null;
    }

    private Reply search(JsonNode body) {
        Reply unknown = unknownProperty(body, SEARCH_PROPERTIES);
        if (unknown != null) {
            return unknown;
        }
        String jql = body.path("jql").asText("").strip();
        if (!body.path("jql").isTextual() || jql.isEmpty() || jql.toUpperCase(java.util.Locale.ROOT)
                .startsWith("ORDER BY")) {
            return invalid("Unbounded JQL queries are not allowed here. Please add a search restriction to your "
                    + "query.");
        }
        if (body.has("fields") && !body.get("fields").isArray()) {
            return invalid("Invalid request payload. Refer to the REST API documentation and try again.");
        }
        if (body.has("maxResults") && !body.get("maxResults").canConvertToInt()) {
            return invalid("Invalid request payload. Refer to the REST API documentation and try again.");
        }
        return null;
    }

    private Reply unknownProperty(JsonNode body, Set<String> known) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                return invalid("Unrecognized field \"" + name + "\"");
            }
        }
        return null;
    }

    private Reply invalid(String message) {
        return Reply.of(400, json.createObjectNode().<ObjectNode>set("errorMessages",
                json.createArrayNode().add(message)).<ObjectNode>set("errors", json.createObjectNode()).toString());
    }

    /**
     * The part of the ADF schema the connector's documents use: {@code doc} (version 1) of {@code paragraph}s holding
     * {@code text} (non-empty, optional {@code link} mark with an {@code href}) and {@code hardBreak}. Anything else
     * is refused, so a node the connector starts emitting gets checked here first.
     */
    static final class AdfRules {

        private AdfRules() {
        }

        /** @return why the node is not an ADF document, or null if it is one */
        static String problem(JsonNode doc) {
            if (doc == null || !doc.isObject() || !"doc".equals(doc.path("type").asText())) {
                return "not an ADF document";
            }
            if (doc.path("version").asInt(-1) != 1 || !doc.path("content").isArray()) {
                return "doc needs version 1 and a content array";
            }
            for (JsonNode block : doc.get("content")) {
                if (!"paragraph".equals(block.path("type").asText())) {
                    return "unexpected block node " + block.path("type");
                }
                if (block.has("content") && !block.get("content").isArray()) {
                    return "paragraph content must be an array";
                }
                for (JsonNode inline : block.path("content")) {
                    String problem = inline(inline);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            return null;
        }

        private static String inline(JsonNode node) {
            switch (node.path("type").asText()) {
                case "hardBreak":
                    return node.size() == 1 || node.size() == 2 && node.has("attrs") ? null : "bad hardBreak";
                case "text":
                    if (!node.path("text").isTextual() || node.path("text").asText().isEmpty()) {
                        return "a text node needs non-empty text";
                    }
                    for (JsonNode mark : node.path("marks")) {
                        if (!"link".equals(mark.path("type").asText())
                                || !mark.path("attrs").path("href").isTextual()) {
                            return "unexpected mark " + mark;
                        }
                    }
                    return null;
                default:
                    return "unexpected inline node " + node.path("type");
            }
        }
    }
}
