package org.integrationhub.connector.jira.internal.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The few Jira Cloud REST v3 calls the connector makes, over the platform's JDK HTTP client with Basic auth
 * (account e-mail and API token). Every failure is a classified {@link IntegrationException}; the token is never
 * part of a message or a log line. Thread-safe.
 */
public final class JiraClient {

    /** An issue key, e.g. {@code HELP-42}; anything else never reaches a URL. */
    public static final Pattern ISSUE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*-[0-9]+");
    private static final int PAGE = 100;

    /** The account the token belongs to. */
    public record Myself(String accountId, String displayName) {
    }

    /** An issue: its id, key and status category key ({@code new}, {@code indeterminate}, {@code done}). */
    public record IssueRef(String id, String key, String statusCategory) {
    }

    /**
     * A comment: id, author, plain text, and whether Jira restricts who sees it (a {@code visibility} group or role,
     * or a Jira Service Management internal note, {@code jsdPublic: false}).
     */
    public record JiraComment(String id, String authorAccountId, String authorName, String text, boolean restricted) {
    }

    private final HttpClient http;
    private final String base;
    private final String authorization;
    private final Duration timeout;
    private final ObjectMapper json;
    private final JiraErrors errors;

    public JiraClient(HttpClient http, String siteUrl, String email, String apiToken, Duration timeout,
            ObjectMapper json, Clock clock) {
        this.http = http;
        this.base = siteUrl.replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((email + ":" + apiToken)
                .getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.json = json;
        this.errors = new JiraErrors(json, clock);
    }

    /** @param key an issue key @return where a person opens the issue: {@code <site>/browse/<KEY>} */
    public String browseUrl(String key) {
        return base + "/browse/" + key;
    }

    /** {@code GET /rest/api/3/myself}: the cheapest authenticated call. */
    public Myself myself() throws IntegrationException {
        JsonNode me = call("GET", "/rest/api/3/myself", null, "GET myself");
        return new Myself(me.path("accountId").asText(""), me.path("displayName").asText(""));
    }

    /**
     * {@code POST /rest/api/3/issue}.
     *
     * @param fields the issue's {@code fields} object
     * @return the new issue (status category {@code new})
     */
    public IssueRef createIssue(ObjectNode fields) throws IntegrationException {
        ObjectNode body = json.createObjectNode();
        body.set("fields", fields);
        JsonNode created = call("POST", "/rest/api/3/issue", body, "create issue");
        return checked(new IssueRef(created.path("id").asText(), created.path("key").asText(), "new"),
                "create issue");
    }

    /**
     * {@code POST /rest/api/3/search/jql} for {@code labels = "<label>"}, oldest first.
     *
     * @param label a label without spaces
     * @return the oldest issue carrying the label, if the search index shows one
     */
    public Optional<IssueRef> findByLabel(String label) throws IntegrationException {
        ObjectNode body = json.createObjectNode();
        body.put("jql", "labels = \"" + label.replace("\\", "\\\\").replace("\"", "\\\"") + "\" ORDER BY created ASC");
        body.putArray("fields").add("status");
        body.put("maxResults", 1);
        JsonNode found = call("POST", "/rest/api/3/search/jql", body, "search issues");
        for (JsonNode issue : found.path("issues")) {
            return Optional.of(checked(ref(issue), "search issues"));
        }
        return Optional.empty();
    }

    /** {@code GET /rest/api/3/issue/{key}?fields=status}; an unknown key is a CONFIGURATION error (404). */
    public IssueRef issue(String key) throws IntegrationException {
        return checked(ref(call("GET", "/rest/api/3/issue/" + requireKey(key) + "?fields=status", null,
                "get issue " + key)), "get issue " + key);
    }

    /**
     * {@code POST /rest/api/3/issue/{key}/comment} with an ADF body and the entity property {@code integration-hub}
     * naming the hub comment.
     *
     * @return the new comment's id
     */
    public String addComment(String key, String text, String hubCommentId) throws IntegrationException {
        ObjectNode body = json.createObjectNode();
        body.set("body", Adf.document(text));
        ObjectNode property = body.putArray("properties").addObject().put("key", "integration-hub");
        property.putObject("value").put("commentId", hubCommentId);
        JsonNode created = call("POST", "/rest/api/3/issue/" + requireKey(key) + "/comment", body,
                "add comment to " + key);
        String id = created.path("id").asText("");
        if (id.isEmpty() || id.length() > 80) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Jira answered add comment to " + key
                    + " without a comment id", null);
        }
        return id;
    }

    /** {@code GET /rest/api/3/issue/{key}/comment}, every page, oldest first. */
    public List<JiraComment> comments(String key) throws IntegrationException {
        List<JiraComment> all = new ArrayList<>();
        int startAt = 0;
        while (true) {
            JsonNode page = call("GET", "/rest/api/3/issue/" + requireKey(key) + "/comment?orderBy=created&startAt="
                    + startAt + "&maxResults=" + PAGE, null, "list comments of " + key);
            JsonNode comments = page.path("comments");
            for (JsonNode c : comments) {
                all.add(comment(c));
            }
            startAt += comments.size();
            if (comments.size() == 0 || startAt >= page.path("total").asInt(0)) {
                return all;
            }
        }
    }

    /**
     * {@code POST /rest/api/3/issue/{key}/remotelink}: an upsert by {@code globalId}, so repeating it is harmless.
     */
    public void remoteLink(String key, String globalId, String url, String title) throws IntegrationException {
        ObjectNode body = json.createObjectNode().put("globalId", globalId);
        body.putObject("object").put("url", url).put("title", title);
        call("POST", "/rest/api/3/issue/" + requireKey(key) + "/remotelink", body, "link " + key + " to the ticket");
    }

    /** @param node a comment as Jira's REST API and webhooks show it */
    public static JiraComment comment(JsonNode node) {
        JsonNode author = node.path("author");
        JsonNode visibility = node.path("visibility");
        boolean restricted = visibility.isObject() && (visibility.hasNonNull("type") || visibility.hasNonNull("value")
                || visibility.hasNonNull("identifier")) || node.path("jsdPublic").isBoolean()
                && !node.path("jsdPublic").booleanValue();
        return new JiraComment(node.path("id").asText(), author.path("accountId").asText(""),
                author.path("displayName").asText(""), Adf.toText(node.path("body")), restricted);
    }

    private static IssueRef ref(JsonNode issue) {
        return new IssueRef(issue.path("id").asText(), issue.path("key").asText(),
                issue.path("fields").path("status").path("statusCategory").path("key").asText(""));
    }

    private static IssueRef checked(IssueRef issue, String what) throws IntegrationException {
        if (!ISSUE_KEY.matcher(issue.key()).matches()) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Jira answered " + what + " without an issue key",
                    null);
        }
        return issue;
    }

    private static String requireKey(String key) throws IntegrationException {
        if (key == null || !ISSUE_KEY.matcher(key).matches()) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, "not a Jira issue key: " + key, null);
        }
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    private JsonNode call(String method, String path, JsonNode body, String what) throws IntegrationException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("User-Agent", "integration-hub-jira");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "Jira did not answer " + what + " within "
                    + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "Jira unreachable on " + what + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorCategory.COMMUNICATION, "interrupted while calling Jira (" + what
                    + ")", e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw errors.of(what, status, response.headers(), response.body());
        }
        String text = response.body();
        try {
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Jira answered " + what + " with a body that is "
                    + "not JSON", e);
        }
    }
}
