package org.integrationhub.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback Jira Cloud for the distribution test: the REST v3 calls the Jira connector makes (myself, create issue,
 * label search, get issue, comments, remote links), answered as Jira documents them, with every request recorded.
 * {@link #holdNextCreate()} makes the next create store its issue and then hold the answer back until
 * {@link #release()}, so the hub can be killed between the create call and its answer. Strict as Jira is: a call
 * without the account's {@code Authorization: Basic base64(email:api token)} gets 401, one that does not accept JSON
 * 406, a body that is not {@code application/json} 415, and a create issue or comment whose rich text is not an
 * Atlassian Document (or whose summary is not one line of at most 255 characters, or whose labels hold spaces), or a
 * remote link without {@code object.url} and {@code object.title}, 400 with Jira's error shape.
 */
final class FakeJiraServer implements AutoCloseable {

    static final String OWN_ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";
    private static final Pattern ISSUE_PATH =
            Pattern.compile("/rest/api/3/issue/([A-Z][A-Z0-9_]*-[0-9]+)(/comment|/remotelink)?");
    private static final Pattern LABEL_JQL = Pattern.compile("labels = \"([^\"]+)\"");

    /** One recorded request. */
    record Request(String method, String path, String authorization, String body) {
    }

    /** An issue as the fake keeps it. */
    static final class Issue {
        final String id;
        final String key;
        final JsonNode fields;
        final List<JsonNode> comments = new CopyOnWriteArrayList<>();

        Issue(String id, String key, JsonNode fields) {
            this.id = id;
            this.key = key;
            this.fields = fields;
        }

        boolean hasLabel(String label) {
            for (JsonNode l : fields.path("labels")) {
                if (l.asText().equals(label)) {
                    return true;
                }
            }
            return false;
        }

        /** @return the plain text of each comment body (ADF paragraphs joined by blank lines) */
        List<String> commentTexts() {
            List<String> out = new ArrayList<>();
            for (JsonNode c : comments) {
                List<String> paragraphs = new ArrayList<>();
                for (JsonNode p : c.path("body").path("content")) {
                    StringBuilder text = new StringBuilder();
                    for (JsonNode inline : p.path("content")) {
                        text.append(inline.path("type").asText().equals("hardBreak") ? "\n" : inline.path("text").asText());
                    }
                    paragraphs.add(text.toString());
                }
                out.add(String.join("\n\n", paragraphs));
            }
            return out;
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Map<String, Issue> issues = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger sequence = new AtomicInteger();
    private final HttpServer server;
    private final String authorization;
    private volatile CountDownLatch createHeld;
    private volatile CountDownLatch releaseHeld = new CountDownLatch(0);

    /** A Jira site that accepts the API token {@code apiToken} of the account {@code email}. */
    FakeJiraServer(String email, String apiToken) throws IOException {
        authorization = "Basic " + java.util.Base64.getEncoder().encodeToString((email + ":" + apiToken)
                .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next create stores its issue, counts down the returned latch, and answers only after {@link #release}. */
    CountDownLatch holdNextCreate() {
        releaseHeld = new CountDownLatch(1);
        createHeld = new CountDownLatch(1);
        return createHeld;
    }

    void release() {
        releaseHeld.countDown();
    }

    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    List<Issue> issuesLabelled(String label) {
        return issues.values().stream().filter(i -> i.hasLabel(label)).toList();
    }

    /** Adds a comment as a Jira user would (not through the hub); returns it as Jira shows it. */
    JsonNode userComment(String key, String accountId, String displayName, String text) {
        ObjectNode adf = json.createObjectNode().put("type", "doc").put("version", 1);
        adf.putArray("content").addObject().put("type", "paragraph").putArray("content").addObject()
                .put("type", "text").put("text", text);
        return addComment(issues.get(key), accountId, displayName, adf);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(method, path, exchange.getRequestHeaders().getFirst("Authorization"), body));
            Reply reply = refusal(exchange, method, path, body);
            if (reply == null) {
                reply = route(method, path, body);
            }
            byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(reply.status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the hub went away while we answered (the crash test)
        }
    }

    private record Reply(int status, String body) {
    }

    /** @return how Jira refuses a request that breaks its documented API, or null if it does not */
    private Reply refusal(HttpExchange exchange, String method, String path, String body) throws IOException {
        if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return new Reply(401, "{\"errorMessages\":[\"Client must be authenticated to access this resource.\"],"
                    + "\"errors\":{}}");
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept == null || !(accept.contains("application/json") || accept.contains("*/*"))) {
            return new Reply(406, "{\"errorMessages\":[\"Not Acceptable\"],\"errors\":{}}");
        }
        if (!method.equals("POST")) {
            return body.isEmpty() ? null : invalid("A GET request carries no body");
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return new Reply(415, "{\"errorMessages\":[\"Unsupported Media Type\"],\"errors\":{}}");
        }
        JsonNode json;
        try {
            json = this.json.readTree(body);
        } catch (IOException e) {
            return invalid("Invalid request payload. Refer to the REST API documentation and try again.");
        }
        if (path.equals("/rest/api/3/issue")) {
            JsonNode fields = json.path("fields");
            String summary = fields.path("summary").asText("");
            if (summary.isBlank() || summary.length() > 255 || summary.contains("\n")) {
                return new Reply(400, "{\"errorMessages\":[],\"errors\":{\"summary\":\"The summary is invalid.\"}}");
            }
            for (JsonNode label : fields.path("labels")) {
                if (label.asText().isEmpty() || label.asText().chars().anyMatch(Character::isWhitespace)) {
                    return new Reply(400, "{\"errorMessages\":[],\"errors\":{\"labels\":\"The label '"
                            + label.asText() + "' contains spaces which is invalid.\"}}");
                }
            }
            if (!isAdf(fields.path("description"))) {
                return new Reply(400, "{\"errorMessages\":[],\"errors\":{\"description\":\"Operation value must be an "
                        + "Atlassian Document (see the Atlassian Document Format)\"}}");
            }
        } else if (path.endsWith("/comment") && !isAdf(json.path("body"))) {
            return invalid("INVALID_INPUT");
        } else if (path.endsWith("/remotelink") && (json.path("object").path("url").asText("").isBlank()
                || json.path("object").path("title").asText("").isBlank())) {
            return new Reply(400, "{\"errorMessages\":[],\"errors\":{\"object\":\"'url' and 'title' are required.\"}}");
        }
        return null;
    }

    /** @return whether the node is an ADF doc (version 1) of paragraphs holding non-empty text and hard breaks */
    private static boolean isAdf(JsonNode doc) {
        if (!"doc".equals(doc.path("type").asText()) || doc.path("version").asInt() != 1
                || !doc.path("content").isArray()) {
            return false;
        }
        for (JsonNode block : doc.path("content")) {
            if (!"paragraph".equals(block.path("type").asText())) {
                return false;
            }
            for (JsonNode inline : block.path("content")) {
                String type = inline.path("type").asText();
                if (!type.equals("hardBreak") && !(type.equals("text") && !inline.path("text").asText().isEmpty())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Reply invalid(String message) {
        return new Reply(400, "{\"errorMessages\":[\"" + message + "\"],\"errors\":{}}");
    }

    private Reply route(String method, String path, String body) throws IOException {
        if (path.equals("/rest/api/3/myself") && method.equals("GET")) {
            return new Reply(200, "{\"accountId\":\"" + OWN_ACCOUNT + "\",\"accountType\":\"atlassian\","
                    + "\"displayName\":\"Helpdesk Bot\",\"active\":true,\"timeZone\":\"Europe/Berlin\"}");
        }
        if (path.equals("/rest/api/3/issue") && method.equals("POST")) {
            return create(json.readTree(body));
        }
        if (path.equals("/rest/api/3/search/jql") && method.equals("POST")) {
            Matcher m = LABEL_JQL.matcher(json.readTree(body).path("jql").asText());
            ObjectNode result = json.createObjectNode();
            ArrayNode found = result.putArray("issues");
            if (m.find()) {
                issuesLabelled(m.group(1)).forEach(i -> found.add(issueJson(i)));
            }
            return new Reply(200, result.put("isLast", true).toString());
        }
        Matcher m = ISSUE_PATH.matcher(path);
        Issue issue = m.matches() ? issues.get(m.group(1)) : null;
        if (issue == null) {
            return new Reply(404, "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see "
                    + "it.\"],\"errors\":{}}");
        }
        String sub = m.group(2) == null ? "" : m.group(2);
        switch (sub + " " + method) {
            case " GET":
                return new Reply(200, issueJson(issue).toString());
            case "/comment POST":
                return new Reply(201, addComment(issue, OWN_ACCOUNT, "Helpdesk Bot",
                        json.readTree(body).path("body")).toString());
            case "/comment GET":
                ObjectNode page = json.createObjectNode().put("startAt", 0).put("maxResults", 100)
                        .put("total", issue.comments.size());
                ArrayNode list = page.putArray("comments");
                issue.comments.forEach(list::add);
                return new Reply(200, page.toString());
            case "/remotelink POST":
                return new Reply(201, "{\"id\":10000,\"self\":\"" + url() + "/rest/api/3/issue/" + issue.key
                        + "/remotelink/10000\"}");
            default:
                return new Reply(405, "{\"errorMessages\":[\"not in the fake\"],\"errors\":{}}");
        }
    }

    private Reply create(JsonNode body) {
        JsonNode fields = body.path("fields");
        int n = sequence.incrementAndGet();
        Issue issue = new Issue(Integer.toString(10000 + n), fields.path("project").path("key").asText() + "-" + n,
                fields);
        issues.put(issue.key, issue);
        CountDownLatch held = createHeld;
        if (held != null) {
            createHeld = null;
            held.countDown();
            try {
                releaseHeld.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Reply(201, "{\"id\":\"" + issue.id + "\",\"key\":\"" + issue.key + "\",\"self\":\"" + url()
                + "/rest/api/3/issue/" + issue.id + "\"}");
    }

    private ObjectNode issueJson(Issue issue) {
        ObjectNode node = json.createObjectNode().put("id", issue.id).put("key", issue.key)
                .put("self", url() + "/rest/api/3/issue/" + issue.id);
        ObjectNode status = node.putObject("fields").putObject("status").put("name", "To Do").put("id", "10000");
        status.putObject("statusCategory").put("id", 2).put("key", "new").put("name", "To Do");
        return node;
    }

    private JsonNode addComment(Issue issue, String accountId, String displayName, JsonNode adf) {
        String id = Integer.toString(20000 + sequence.incrementAndGet());
        ObjectNode comment = json.createObjectNode().put("self", url() + "/rest/api/3/issue/" + issue.id
                + "/comment/" + id).put("id", id);
        comment.putObject("author").put("accountId", accountId).put("displayName", displayName).put("active", true);
        comment.set("body", adf);
        comment.put("created", "2026-12-05T10:20:30.000+0000");
        issue.comments.add(comment);
        return comment;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
