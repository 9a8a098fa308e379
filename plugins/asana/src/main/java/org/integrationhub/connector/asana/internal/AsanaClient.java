package org.integrationhub.connector.asana.internal;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The few Asana REST API calls the connector makes (tasks, stories, users/me, webhooks), over {@link AsanaHttp}.
 */
final class AsanaClient {

    /** A task: its gid, permalink, completion and notes (notes only where asked for). */
    record Task(String gid, String permalinkUrl, boolean completed, String notes) {
    }

    /**
     * A story of a task: a comment has type {@code comment} (subtype {@code comment_added}); the author is null for
     * system stories.
     */
    record Story(String gid, String type, String text, String authorGid, String authorName, String taskGid) {
        boolean isComment() {
            return "comment".equals(type) || "comment_added".equals(type);
        }
    }

    /** A user: gid and display name. */
    record User(String gid, String name) {
    }

    /** A webhook Asana created: its gid and the secret its creation response carried, if any. */
    record Webhook(String gid, String secret) {
        @Override
        public String toString() {
            return "webhook " + gid; // never the secret
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TASK_FIELDS = "permalink_url,completed";
    private static final String STORY_FIELDS = "type,resource_subtype,text,created_by.name,target";
    private static final int PAGE = 100;
    /** Pages read at most while looking for a task (10,000 open tasks) or a comment (10,000 stories). */
    private static final int MAX_PAGES = 100;

    private final AsanaHttp http;

    AsanaClient(HttpClient http, String apiUrl, String token, Duration timeout) {
        this.http = new AsanaHttp(http, apiUrl, token, timeout);
    }

    /** {@code GET /users/me}: the token's user (health check and echo suppression). */
    User me() throws IntegrationException {
        JsonNode data = http.data("GET", "/users/me?opt_fields=name", null);
        return new User(data.path("gid").asText(), data.path("name").asText(""));
    }

    /** {@code POST /tasks} in the project (and workspace, when given). */
    Task createTask(String project, String workspace, String name, String notes, Instant dueAt)
            throws IntegrationException {
        ObjectNode data = JSON.createObjectNode().put("name", name).put("notes", notes);
        data.putArray("projects").add(project);
        if (!workspace.isBlank()) {
            data.put("workspace", workspace);
        }
        if (dueAt != null) {
            data.put("due_at", dueAt.toString());
        }
        return task(http.data("POST", "/tasks?opt_fields=" + TASK_FIELDS, data));
    }

    /** {@code PUT /tasks/{gid}} with the given fields (e.g. {@code completed}, {@code name}, {@code due_at}). */
    Task updateTask(String gid, Map<String, Object> fields) throws IntegrationException {
        ObjectNode data = JSON.valueToTree(fields);
        return task(http.data("PUT", "/tasks/" + encode(gid) + "?opt_fields=" + TASK_FIELDS, data));
    }

    /** {@code GET /tasks/{gid}}. */
    Task task(String gid) throws IntegrationException {
        return task(http.data("GET", "/tasks/" + encode(gid) + "?opt_fields=" + TASK_FIELDS, null));
    }

    /**
     * Looks through the project's incomplete tasks ({@code GET /projects/{gid}/tasks?completed_since=now}, 100 a
     * page) for the first one whose notes satisfy {@code match}: how an unknown create outcome is found again. The
     * task search endpoint would be cheaper but needs a paid plan. (Asana documents the keyword {@code now} for
     * {@code completed_since} on this endpoint; on {@code GET /tasks} the parameter is a date-time only.)
     */
    Optional<Task> findOpenTask(String project, Predicate<String> match) throws IntegrationException {
        String offset = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String path = "/projects/" + encode(project) + "/tasks?completed_since=now&limit=" + PAGE
                    + "&opt_fields=notes," + TASK_FIELDS + (offset == null ? "" : "&offset=" + encode(offset));
            JsonNode answer = http.answer("GET", path, null);
            for (JsonNode t : answer.path("data")) {
                Task task = task(t);
                if (match.test(task.notes())) {
                    return Optional.of(task);
                }
            }
            JsonNode next = answer.path("next_page");
            offset = next.isObject() ? next.path("offset").asText(null) : null;
            if (offset == null) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * {@code POST /tasks/{gid}/stories}: a comment; @return the story's gid (always in the answer; {@code gid} is no
     * value of the operation's {@code opt_fields})
     */
    String addComment(String taskGid, String text) throws IntegrationException {
        ObjectNode data = JSON.createObjectNode().put("text", text);
        return http.data("POST", "/tasks/" + encode(taskGid) + "/stories", data).path("gid").asText();
    }

    /**
     * {@code GET /tasks/{gid}/stories}, every page (100 stories a page, oldest first, following {@code next_page}):
     * the task's comments, to find a comment written before.
     */
    List<Story> comments(String taskGid) throws IntegrationException {
        List<Story> out = new ArrayList<>();
        String offset = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = http.answer("GET", "/tasks/" + encode(taskGid) + "/stories?limit=" + PAGE
                    + "&opt_fields=" + STORY_FIELDS + (offset == null ? "" : "&offset=" + encode(offset)), null);
            for (JsonNode s : answer.path("data")) {
                Story story = story(s, taskGid);
                if (story.isComment()) {
                    out.add(story);
                }
            }
            JsonNode next = answer.path("next_page");
            offset = next.isObject() ? next.path("offset").asText(null) : null;
            if (offset == null) {
                break;
            }
        }
        return out;
    }

    /** {@code GET /stories/{gid}}. */
    Story story(String gid) throws IntegrationException {
        return story(http.data("GET", "/stories/" + encode(gid) + "?opt_fields=" + STORY_FIELDS, null),
                null);
    }

    /**
     * {@code POST /webhooks}: Asana sends its {@code X-Hook-Secret} handshake to {@code target} before this returns.
     * Filters: task completion changes and added comments.
     */
    Webhook createWebhook(String resource, String target) throws IntegrationException {
        ObjectNode data = JSON.createObjectNode().put("resource", resource).put("target", target);
        ArrayNode filters = data.putArray("filters");
        filters.addObject().put("resource_type", "task").put("action", "changed").putArray("fields").add("completed");
        filters.addObject().put("resource_type", "story").put("action", "added")
                .put("resource_subtype", "comment_added");
        JsonNode answer = http.answer("POST", "/webhooks", data);
        return new Webhook(answer.path("data").path("gid").asText(), answer.path("X-Hook-Secret").asText(null));
    }

    private static Task task(JsonNode t) {
        return new Task(t.path("gid").asText(), t.path("permalink_url").asText(""), t.path("completed").asBoolean(),
                t.path("notes").asText(""));
    }

    private static Story story(JsonNode s, String taskGid) {
        JsonNode author = s.path("created_by");
        JsonNode target = s.path("target");
        String type = s.path("type").asText(s.path("resource_subtype").asText(""));
        return new Story(s.path("gid").asText(), type, s.path("text").asText(""),
                author.isObject() ? author.path("gid").asText(null) : null,
                author.isObject() ? author.path("name").asText("") : "",
                target.isObject() ? target.path("gid").asText(taskGid) : taskGid);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
