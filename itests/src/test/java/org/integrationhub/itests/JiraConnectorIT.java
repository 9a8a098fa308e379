package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Jira connector in the running distribution (installed by the integration-hub feature), configured by an
 * etc/*.cfg factory configuration against a loopback Jira: a new urgent ticket yields exactly one issue with the
 * contract's fields and a link on the ticket; two comments arrive once each; a signed Jira comment webhook adds one
 * ticket comment, sent twice it still adds one, and nothing goes back to Jira; an unsigned one gets 401; a Done
 * transition resolves the ticket. Then kill -9 between the create call and its answer: after the restart the ticket
 * is linked to the one issue that exists, and no second one was created. One hub, booted twice.
 */
class JiraConnectorIT {

    private static final String NAME = "jira-it";
    private static final String SECRET = "it-jira-webhook-secret-0123456789";
    private static final String TOKEN = "it-jira-api-token-ATATT3xFf";
    private static final String DEV = "557058:93f71831-7090-4c70-ab8e-c9a5c9aa2d8e";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private FakeJiraServer jira;
    private HubProcess hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.stop();
        }
        if (jira != null) {
            jira.close();
        }
    }

    @Test
    void issuesCommentsWebhooksAndStatusThroughTheInstalledConnectorAndExactlyOneIssueAcrossKill9() throws Exception {
        jira = new FakeJiraServer("helpdesk-bot@example.com", TOKEN);
        Path archive = Paths.get(System.getProperty("hub.distribution"));
        hub = HubProcess.unpack(archive, Paths.get(System.getProperty("project.build.directory", "target"), "jira-it"));
        Files.writeString(hub.home().resolve("etc/org.integrationhub.connector.jira-" + NAME + ".cfg"), String.join("\n",
                "integration.name = " + NAME,
                "integration.min.priority = high",
                "api.url = " + jira.url(),
                "email = helpdesk-bot@example.com",
                ".api.token = " + TOKEN,
                "project.key = HELP",
                ".webhook.secret = " + SECRET, ""));
        hub.start();
        HubHttp http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(180));
        String key = hub.createKey("jira-it", "--scope", "tickets:read", "--scope", "tickets:write", "--scope",
                "integrations:read", "--rate-limit", "unlimited");
        awaitTrue("the Jira instance ONLINE", Duration.ofSeconds(60), () -> status(http, key).startsWith("ONLINE"));

        // a ticket below integration.min.priority gets no issue; an urgent one gets exactly one
        String normal = createTicket(http, key, "Toner low", "normal");
        String urgent = createTicket(http, key, "Printer on fire", "urgent");
        awaitTrue("the urgent ticket's issue", Duration.ofSeconds(30), () -> links(http, key, urgent).size() == 1);
        FakeJiraServer.Issue issue = jira.issuesLabelled("ticket-" + urgent).get(0);
        JsonNode fields = issue.fields;
        assertThat(fields.path("project").path("key").asText()).isEqualTo("HELP");
        assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Task");
        assertThat(fields.path("summary").asText()).isEqualTo("Printer on fire");
        assertThat(fields.path("priority").path("name").asText()).isEqualTo("Highest");
        assertThat(fields.path("description").path("type").asText()).isEqualTo("doc");
        assertThat(fields.path("labels").toString()).isEqualTo("[\"helpdesk\",\"ticket-" + urgent + "\"]");
        assertThat(jira.requests("POST", "/rest/api/3/issue").get(0).authorization()).startsWith("Basic ");
        JsonNode link = links(http, key, urgent).get(0);
        assertThat(link.path("integration").asText()).isEqualTo(NAME);
        assertThat(link.path("type").asText()).isEqualTo("issue");
        assertThat(link.path("key").asText()).isEqualTo(issue.key);
        assertThat(link.path("url").asText()).isEqualTo(jira.url() + "/browse/" + issue.key);

        // two comments, once each, with the original design's footer
        comment(http, key, urgent, "On my way", "Bob Agent");
        comment(http, key, urgent, "Replaced the fuser", "Bob Agent");
        awaitTrue("both comments in Jira", Duration.ofSeconds(30), () -> issue.comments.size() >= 2);

        // Jira → hub: a signed comment webhook adds one ticket comment, twice sent is still one, nothing goes back
        String webhook = commentCreated(issue, "10500", "Dana Developer", "Fixed in firmware 2.1");
        assertThat(postWebhook(webhook, "a1b2c3d4-0000-4000-8000-000000000001", SECRET).statusCode()).isEqualTo(200);
        assertThat(postWebhook(webhook, "a1b2c3d4-0000-4000-8000-000000000001", SECRET).statusCode()).isEqualTo(200);
        HttpResponse<String> unsigned = postWebhook(commentCreated(issue, "10501", "Mallory", "forged"),
                "a1b2c3d4-0000-4000-8000-000000000002", null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        Thread.sleep(3000); // time for anything that would wrongly go back to Jira or arrive twice
        assertThat(issue.commentTexts()).containsExactly("On my way\n\n-- From Helpdesk by Bob Agent",
                "Replaced the fuser\n\n-- From Helpdesk by Bob Agent");
        List<JsonNode> comments = comments(http, key, urgent);
        assertThat(comments).extracting(c -> c.path("body").asText())
                .containsExactly("On my way", "Replaced the fuser", "Fixed in firmware 2.1");
        assertThat(comments.get(2).path("author").path("name").asText()).isEqualTo("Dana Developer");

        // a transition into the Done category resolves the ticket
        assertThat(postWebhook(transitionedToDone(issue), "a1b2c3d4-0000-4000-8000-000000000003", SECRET)
                .statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/tickets/" + urgent, key).json.path("status").asText()).isEqualTo("resolved");
        assertThat(jira.issues).hasSize(1);
        assertThat(links(http, key, normal)).isEmpty();

        // kill -9 between the create call and its answer: after the restart, still exactly one issue
        CountDownLatch createArrived = jira.holdNextCreate();
        String crashed = createTicket(http, key, "Server room flooded", "urgent");
        assertThat(createArrived.await(60, TimeUnit.SECONDS)).as("the create call reached Jira").isTrue();
        hub.killHard();
        jira.release();
        hub.start();
        http.awaitHealthy(Duration.ofSeconds(180));
        awaitTrue("the crashed ticket's issue linked after the restart", Duration.ofSeconds(90),
                () -> links(http, key, crashed).size() == 1);
        List<FakeJiraServer.Issue> labelled = jira.issuesLabelled("ticket-" + crashed);
        assertThat(labelled).hasSize(1);
        assertThat(links(http, key, crashed).get(0).path("key").asText()).isEqualTo(labelled.get(0).key);
        assertThat(jira.requests("POST", "/rest/api/3/search/jql")).as("the restarted hub looked before creating")
                .isNotEmpty();
        assertThat(jira.issues).hasSize(2);
        assertThat(Files.readString(hub.home().resolve("data/log/karaf.log"))).doesNotContain(TOKEN)
                .doesNotContain(SECRET);
    }

    private String createTicket(HubHttp http, String key, String subject, String priority) throws Exception {
        HubHttp.Answer a = http.post("/api/v1/tickets", key, HubHttp.ticketJson(subject, priority, "ann@example.com"));
        assertThat(a.status).as("%s", a).isEqualTo(201);
        return a.json.get("id").asText();
    }

    private void comment(HubHttp http, String key, String ticket, String body, String author) throws Exception {
        HubHttp.Answer a = http.post("/api/v1/tickets/" + ticket + "/comments", key, "{\"body\":\"" + body
                + "\",\"author\":{\"name\":\"" + author + "\",\"email\":\"bob@example.com\"}}");
        assertThat(a.status).as("%s", a).isEqualTo(201);
    }

    private String status(HubHttp http, String key) {
        try {
            HubHttp.Answer a = http.get("/api/v1/integrations/" + NAME, key);
            return a.status == 200 ? a.json.path("status").asText() + ": " + a.json.path("status_detail").asText()
                    : a.toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private List<JsonNode> links(HubHttp http, String key, String ticket) {
        return list(http, key, "/api/v1/tickets/" + ticket + "/links");
    }

    private List<JsonNode> comments(HubHttp http, String key, String ticket) {
        return list(http, key, "/api/v1/tickets/" + ticket + "/comments");
    }

    private List<JsonNode> list(HubHttp http, String key, String path) {
        try {
            HubHttp.Answer a = http.get(path, key);
            JsonNode items = a.json == null ? null : a.json.isArray() ? a.json : a.json.get("data");
            List<JsonNode> out = new ArrayList<>();
            if (a.status == 200 && items != null) {
                items.forEach(out::add);
            }
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    private String commentCreated(FakeJiraServer.Issue issue, String commentId, String author, String text) {
        ObjectNode root = json.createObjectNode().put("timestamp", System.currentTimeMillis())
                .put("webhookEvent", "comment_created");
        ObjectNode comment = root.putObject("comment").put("self", jira.url() + "/rest/api/2/issue/" + issue.id
                + "/comment/" + commentId).put("id", commentId);
        comment.putObject("author").put("accountId", DEV).put("displayName", author).put("active", true);
        ObjectNode adf = comment.putObject("body").put("type", "doc").put("version", 1);
        adf.putArray("content").addObject().put("type", "paragraph").putArray("content").addObject()
                .put("type", "text").put("text", text);
        comment.put("created", "2026-12-05T11:14:04.071+0100");
        issueNode(root, issue, "indeterminate", "In Progress");
        return root.toString();
    }

    private String transitionedToDone(FakeJiraServer.Issue issue) {
        ObjectNode root = json.createObjectNode().put("timestamp", System.currentTimeMillis())
                .put("webhookEvent", "jira:issue_updated").put("issue_event_type_name", "issue_generic");
        root.putObject("user").put("accountId", DEV).put("displayName", "Dana Developer");
        issueNode(root, issue, "done", "Done");
        root.putObject("changelog").put("id", "10101").putArray("items").addObject().put("field", "status")
                .put("fieldtype", "jira").put("fieldId", "status").put("from", "10001").put("fromString", "In Progress")
                .put("to", "10002").put("toString", "Done");
        return root.toString();
    }

    private void issueNode(ObjectNode root, FakeJiraServer.Issue issue, String category, String name) {
        ObjectNode fields = root.putObject("issue").put("id", issue.id).put("key", issue.key)
                .put("self", jira.url() + "/rest/api/2/issue/" + issue.id).putObject("fields")
                .put("summary", issue.fields.path("summary").asText());
        fields.putObject("status").put("name", name).putObject("statusCategory").put("key", category).put("name", name);
    }

    private HttpResponse<String> postWebhook(String body, String identifier, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(jiraWebhookUrl()))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json; charset=utf-8")
                .header("X-Atlassian-Webhook-Identifier", identifier).header("X-Atlassian-Webhook-Flow", "Primary")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            request.header("X-Hub-Signature", "sha256="
                    + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String jiraWebhookUrl() throws Exception {
        int port = Files.readAllLines(hub.home().resolve("etc/org.ops4j.pax.web.cfg")).stream()
                .filter(l -> l.startsWith("org.osgi.service.http.port")).map(l -> l.split("=")[1].trim())
                .mapToInt(Integer::parseInt).findFirst().orElseThrow();
        return "http://127.0.0.1:" + port + "/integrations/jira/webhook";
    }

    private void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; Jira saw " + jira.requests.stream()
                .map(r -> r.method() + " " + r.path()).toList() + "\nkaraf.log:\n" + Files.readString(hub.home()
                        .resolve("data/log/karaf.log")).lines().filter(l -> l.contains("jira") || l.contains("ERROR"))
                        .reduce("", (a, b) -> a + b + "\n"));
    }
}
