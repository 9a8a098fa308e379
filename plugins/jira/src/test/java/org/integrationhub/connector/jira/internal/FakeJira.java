package org.integrationhub.connector.jira.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.integrationhub.connector.jira.internal.client.Adf;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A loopback Jira Cloud (REST v3) for unit tests, on the test kit's {@link FakeHttpServer}: issues with labels and a
 * status, comments, remote links, label search, {@code /myself}; answers shaped like Jira's documented responses.
 * One-shot failures can be scripted per route ({@link #failNext}), and a create can be made to lose its answer after
 * the issue exists ({@link #loseNextCreateAnswer}).
 */
final class FakeJira implements AutoCloseable {

    static final String OWN_ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";
    static final Pattern ISSUE_PATH = Pattern.compile("/rest/api/3/issue/([A-Z][A-Z0-9_]*-[0-9]+)(/comment|/remotelink)?");
    private static final Pattern LABEL_JQL = Pattern.compile("labels = \"([^\"]+)\"");

    /** An issue as the fake keeps it. */
    static final class Issue {
        final String id;
        final String key;
        final JsonNode fields;
        final List<JsonNode> comments = new CopyOnWriteArrayList<>();
        final List<JsonNode> remoteLinks = new CopyOnWriteArrayList<>();
        volatile String statusCategory = "new";

        Issue(String id, String key, JsonNode fields) {
            this.id = id;
            this.key = key;
            this.fields = fields;
        }

        List<String> labels() {
            List<String> out = new ArrayList<>();
            fields.path("labels").forEach(l -> out.add(l.asText()));
            return out;
        }

        List<String> commentTexts() {
            List<String> out = new ArrayList<>();
            comments.forEach(c -> out.add(Adf.toText(c.path("body"))));
            return out;
        }
    }

    final FakeHttpServer server;
    final Map<String, Issue> issues = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, Deque<Reply>> failures = new ConcurrentHashMap<>();
    private final JiraRequestRules rules = new JiraRequestRules();
    private volatile boolean loseNextCreateAnswer;

    FakeJira() throws IOException {
        this(FakeHttpServer.start());
    }

    /** @param server the loopback server to answer on (e.g. the contract test's {@code remote}) */
    FakeJira(FakeHttpServer server) {
        this.server = server;
        server.otherwise(this::answer);
    }

    String url() {
        return server.uri("").toString();
    }

    /** Accepts calls authenticated as this account (Basic {@code email:apiToken}); any other gets 401. */
    FakeJira account(String email, String apiToken) {
        rules.account(email, apiToken);
        return this;
    }

    /** The next request to {@code method path} gets {@code reply} instead of the fake's answer. */
    FakeJira failNext(String method, String path, Reply reply) {
        failures.computeIfAbsent(method + " " + path, k -> new ConcurrentLinkedDeque<>()).add(reply);
        return this;
    }

    /** The next create makes the issue and then closes the connection without an answer. */
    FakeJira loseNextCreateAnswer() {
        loseNextCreateAnswer = true;
        return this;
    }

    Issue only() {
        if (issues.size() != 1) {
            throw new AssertionError("expected exactly one issue, found " + issues.keySet());
        }
        return issues.values().iterator().next();
    }

    /** Adds a comment as a Jira user would (not through the connector). */
    JsonNode userComment(String key, String accountId, String displayName, String text) {
        return addComment(issues.get(key), accountId, displayName, Adf.document(text));
    }

    private Reply answer(Recorded r) {
        Deque<Reply> failure = failures.get(r.method() + " " + r.path());
        Reply scripted = failure == null ? null : failure.poll();
        if (scripted != null) {
            return scripted;
        }
        Reply refused = rules.refusal(r, operation(r));
        if (refused != null) {
            return refused;
        }
        try {
            return route(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the documented operation a request is, as {@link JiraRequestRules} names it, or null */
    private static String operation(Recorded r) {
        String path = r.path();
        if (path.equals("/rest/api/3/myself") || path.equals("/rest/api/3/issue")
                || path.equals("/rest/api/3/search/jql")) {
            return r.method() + " " + path;
        }
        Matcher m = ISSUE_PATH.matcher(path);
        if (!m.matches()) {
            return null;
        }
        return r.method() + " " + (m.group(2) == null ? "issue" : m.group(2).substring(1));
    }

    private Reply route(Recorded r) throws IOException {
        String path = r.path();
        if (path.equals("/rest/api/3/myself") && r.method().equals("GET")) {
            return Reply.of(200, "{\"self\":\"" + url() + "/rest/api/3/user?accountId=" + OWN_ACCOUNT + "\","
                    + "\"accountId\":\"" + OWN_ACCOUNT + "\",\"accountType\":\"atlassian\","
                    + "\"emailAddress\":\"helpdesk-bot@example.com\",\"displayName\":\"Helpdesk Bot\",\"active\":true,"
                    + "\"timeZone\":\"Europe/Berlin\",\"locale\":\"en_US\"}");
        }
        if (path.equals("/rest/api/3/issue") && r.method().equals("POST")) {
            return create(json.readTree(r.body()));
        }
        if (path.equals("/rest/api/3/search/jql") && r.method().equals("POST")) {
            return search(json.readTree(r.body()));
        }
        Matcher m = ISSUE_PATH.matcher(path);
        if (m.matches()) {
            Issue issue = issues.get(m.group(1));
            if (issue == null) {
                return Reply.of(404, "{\"errorMessages\":[\"Issue does not exist or you do not have permission to "
                        + "see it.\"],\"errors\":{}}");
            }
            String sub = m.group(2) == null ? "" : m.group(2);
            switch (sub + " " + r.method()) {
                case " GET":
                    return Reply.of(200, issueJson(issue).toString());
                case "/comment POST":
                    JsonNode body = json.readTree(r.body());
                    return Reply.of(201, addComment(issue, OWN_ACCOUNT, "Helpdesk Bot", body.path("body")).toString());
                case "/comment GET":
                    ObjectNode page = json.createObjectNode().put("startAt", 0).put("maxResults", 100)
                            .put("total", issue.comments.size());
                    ArrayNode list = page.putArray("comments");
                    issue.comments.forEach(list::add);
                    return Reply.of(200, page.toString());
                case "/remotelink POST":
                    issue.remoteLinks.add(json.readTree(r.body()));
                    return Reply.of(201, "{\"id\":10000,\"self\":\"" + url() + "/rest/api/3/issue/" + issue.key
                            + "/remotelink/10000\"}");
                default:
                    break;
            }
        }
        return Reply.of(404, "{\"errorMessages\":[\"No such endpoint in the fake: " + r.method() + " " + path
                + "\"],\"errors\":{}}");
    }

    private Reply create(JsonNode body) {
        JsonNode fields = body.path("fields");
        String project = fields.path("project").path("key").asText();
        if (!fields.path("description").path("type").asText().equals("doc")) {
            return Reply.of(400, "{\"errorMessages\":[],\"errors\":{\"description\":\"Operation value must be an "
                    + "Atlassian Document (see the Atlassian Document Format)\"}}");
        }
        int n = sequence.incrementAndGet();
        Issue issue = new Issue(Integer.toString(10000 + n), project + "-" + n, fields);
        issues.put(issue.key, issue);
        if (loseNextCreateAnswer) {
            loseNextCreateAnswer = false;
            return Reply.drop();
        }
        return Reply.of(201, "{\"id\":\"" + issue.id + "\",\"key\":\"" + issue.key + "\",\"self\":\"" + url()
                + "/rest/api/3/issue/" + issue.id + "\"}");
    }

    private Reply search(JsonNode body) {
        Matcher m = LABEL_JQL.matcher(body.path("jql").asText());
        ObjectNode result = json.createObjectNode();
        ArrayNode found = result.putArray("issues");
        if (m.find()) {
            issues.values().stream().filter(i -> i.labels().contains(m.group(1)))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a.id), Integer.parseInt(b.id)))
                    .forEach(i -> found.add(issueJson(i)));
        }
        result.put("isLast", true);
        return Reply.of(200, result.toString());
    }

    ObjectNode issueJson(Issue issue) {
        ObjectNode node = json.createObjectNode().put("expand", "renderedFields,names,schema,operations")
                .put("id", issue.id).put("self", url() + "/rest/api/3/issue/" + issue.id).put("key", issue.key);
        node.putObject("fields").set("status", status(issue.statusCategory));
        return node;
    }

    ObjectNode status(String category) {
        String name = switch (category) {
            case "done" -> "Done";
            case "indeterminate" -> "In Progress";
            default -> "To Do";
        };
        int categoryId = switch (category) {
            case "done" -> 3;
            case "indeterminate" -> 4;
            default -> 2;
        };
        ObjectNode status = json.createObjectNode().put("self", url() + "/rest/api/3/status/1000" + categoryId)
                .put("name", name).put("id", "1000" + categoryId);
        status.putObject("statusCategory").put("id", categoryId).put("key", category)
                .put("colorName", category.equals("done") ? "green" : "blue-gray").put("name", name);
        return status;
    }

    private JsonNode addComment(Issue issue, String accountId, String displayName, JsonNode adf) {
        String id = Integer.toString(20000 + sequence.incrementAndGet());
        ObjectNode comment = json.createObjectNode().put("self", url() + "/rest/api/3/issue/" + issue.id
                + "/comment/" + id).put("id", id);
        comment.putObject("author").put("accountId", accountId).put("displayName", displayName).put("active", true);
        comment.set("body", adf);
        comment.put("created", "2026-12-05T10:20:30.000+0000").put("updated", "2026-12-05T10:20:30.000+0000");
        issue.comments.add(comment);
        return comment;
    }

    @Override
    public void close() {
        server.close();
    }
}
