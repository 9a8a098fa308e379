package org.integrationhub.connector.asana.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.integrationhub.spi.InboundRequest;
import org.integrationhub.spi.InboundResponse;
import org.integrationhub.testkit.FakeHttpServer;
import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stateful loopback Asana (REST API 1.0) built from the payloads Asana documents (developers.asana.com, the
 * OpenAPI spec in Asana/openapi): tasks, stories, {@code users/me}, the project's task listing with
 * {@code next_page} offsets, and {@code POST /webhooks}, which runs the {@code X-Hook-Secret} handshake against
 * {@link #hub} while the create call waits, as Asana does. Routes scripted on {@link #server} take precedence (for
 * failures). Helpers make the changes a person makes in Asana and the signed deliveries Asana then sends.
 */
final class FakeAsana implements AutoCloseable {

    static final String API = "/api/1.0";
    static final String ME = "1200000000000001";
    static final String PERSON = "1200000000000777";
    static final String PROJECT = "1203000000000001";
    static final String WORKSPACE = "1202000000000001";
    static final String HOOK_SECRET = "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81";
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeHttpServer server;
    final Map<String, ObjectNode> tasks = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> stories = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1204000000000100L);
    /** Where the handshake of a webhook creation goes (the connector's inbound handler). */
    volatile Function<InboundRequest, InboundResponse> hub;
    /** When set, a task create is done but answered only after this delay (an unknown outcome for the caller). */
    volatile Duration slowCreate;

    FakeAsana() throws IOException {
        server = FakeHttpServer.start();
        server.otherwise(this::answer);
    }

    String apiUrl() {
        return server.uri(API).toString();
    }

    private Reply answer(Recorded r) {
        String path = r.path().substring(API.length());
        String[] p = path.substring(1).split("/");
        try {
            return switch (r.method() + " " + p[0] + (p.length > 1 ? "/" : "") + (p.length > 2 ? "/" + p[2] : "")) {
                case "GET users/" -> data(200, user(ME, "Hub Bot"));
                case "POST tasks" -> createTask(body(r));
                case "GET tasks" -> listTasks(r);
                case "GET tasks/" -> found(tasks.get(p[1]));
                case "PUT tasks/" -> updateTask(p[1], body(r));
                case "POST tasks//stories" -> createStory(p[1], body(r).path("text").asText(), ME, "Hub Bot");
                case "GET tasks//stories" -> list(stories.values().stream()
                        .filter(s -> s.path("target").path("gid").asText().equals(p[1])).toList());
                case "GET stories/" -> found(stories.get(p[1]));
                case "POST webhooks" -> createWebhook(body(r));
                default -> Reply.of(404, "{\"errors\":[{\"message\":\"Unknown route: " + r.requestLine() + "\"}]}");
            };
        } catch (IOException e) {
            return Reply.of(400, "{\"errors\":[{\"message\":\"Could not parse request data, invalid JSON\"}]}");
        }
    }

    private Reply createTask(JsonNode data) {
        String gid = Long.toString(ids.incrementAndGet());
        ObjectNode task = JSON.createObjectNode().put("gid", gid).put("resource_type", "task")
                .put("resource_subtype", "default_task").put("name", data.path("name").asText())
                .put("notes", data.path("notes").asText()).put("completed", false)
                .put("due_at", data.path("due_at").asText(null))
                .put("permalink_url", "https://app.asana.com/0/" + PROJECT + "/" + gid);
        task.putArray("projects").addObject().put("gid", data.path("projects").path(0).asText())
                .put("resource_type", "project");
        tasks.put(gid, task);
        Reply reply = data(201, task);
        Duration delay = slowCreate;
        return delay == null ? reply : reply.withDelay(delay);
    }

    private Reply updateTask(String gid, JsonNode data) {
        ObjectNode task = tasks.get(gid);
        if (task == null) {
            return found(null);
        }
        data.fields().forEachRemaining(f -> task.set(f.getKey(), f.getValue()));
        return data(200, task);
    }

    private Reply listTasks(Recorded r) {
        List<ObjectNode> open = tasks.values().stream()
                .filter(t -> t.path("projects").path(0).path("gid").asText().equals(r.queryParameter("project")))
                .filter(t -> !"now".equals(r.queryParameter("completed_since")) || !t.path("completed").asBoolean())
                .sorted((a, b) -> a.path("gid").asText().compareTo(b.path("gid").asText())).toList();
        int limit = Integer.parseInt(r.queryParameter("limit"));
        int from = r.queryParameter("offset") == null ? 0 : Integer.parseInt(r.queryParameter("offset"));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        open.subList(from, Math.min(open.size(), from + limit)).forEach(data::add);
        if (from + limit < open.size()) {
            answer.putObject("next_page").put("offset", Integer.toString(from + limit))
                    .put("path", "/tasks?offset=" + (from + limit)).put("uri", apiUrl() + "/tasks?offset=" + (from + limit));
        } else {
            answer.putNull("next_page");
        }
        return Reply.of(200, answer.toString());
    }

    private Reply createStory(String taskGid, String text, String userGid, String userName) {
        return tasks.containsKey(taskGid) ? data(201, story(taskGid, text, userGid, userName)) : found(null);
    }

    private ObjectNode story(String taskGid, String text, String userGid, String userName) {
        String gid = Long.toString(ids.incrementAndGet());
        ObjectNode story = JSON.createObjectNode().put("gid", gid).put("resource_type", "story")
                .put("created_at", Instant.now().toString()).put("resource_subtype", "comment_added")
                .put("type", "comment").put("text", text);
        story.set("created_by", user(userGid, userName));
        story.putObject("target").put("gid", taskGid).put("resource_type", "task")
                .put("name", tasks.get(taskGid).path("name").asText());
        stories.put(gid, story);
        return story;
    }

    private Reply createWebhook(JsonNode data) {
        String target = data.path("target").asText();
        URI uri = URI.create(target);
        InboundResponse handshake = hub == null ? null : hub.apply(new InboundRequest("POST",
                uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1), Map.of("X-Hook-Secret",
                        List.of(HOOK_SECRET)), new byte[0], uri.getRawQuery()));
        if (handshake == null || (handshake.status() != 200 && handshake.status() != 204)
                || !HOOK_SECRET.equals(handshake.headers().get("X-Hook-Secret"))) {
            return Reply.of(400, "{\"errors\":[{\"message\":\"The remote server did not respond with the handshake "
                    + "secret.\"}]}");
        }
        ObjectNode hook = JSON.createObjectNode().put("gid", "1205000000000001").put("resource_type", "webhook")
                .put("active", false).put("target", target);
        hook.putObject("resource").put("gid", data.path("resource").asText()).put("name", "Support");
        hook.set("filters", data.path("filters"));
        ObjectNode answer = JSON.createObjectNode();
        answer.set("data", hook);
        answer.put("X-Hook-Secret", HOOK_SECRET);
        return Reply.of(201, answer.toString());
    }

    /** Puts an incomplete task in {@code project} that was made elsewhere (not by the connector). */
    void addOpenTask(String gid, String project, String notes) {
        ObjectNode task = JSON.createObjectNode().put("gid", gid).put("resource_type", "task").put("name", "Other")
                .put("notes", notes).put("completed", false)
                .put("permalink_url", "https://app.asana.com/0/" + project + "/" + gid);
        task.putArray("projects").addObject().put("gid", project).put("resource_type", "project");
        tasks.put(gid, task);
    }

    /** @return the event Asana reports when a comment story is added to a task */
    static ObjectNode storyAdded(String storyGid, String taskGid, String userGid) {
        ObjectNode event = event(userGid, storyGid, "story", "added");
        ((ObjectNode) event.path("resource")).put("resource_subtype", "comment_added");
        event.putObject("parent").put("gid", taskGid).put("resource_type", "task")
                .put("resource_subtype", "default_task");
        return event;
    }

    /** A person completes (or re-opens) a task in Asana: @return the event Asana reports */
    ObjectNode personCompletes(String taskGid, boolean completed) {
        tasks.get(taskGid).put("completed", completed);
        ObjectNode event = event(PERSON, taskGid, "task", "changed");
        event.putNull("parent");
        event.putObject("change").put("field", "completed").put("action", "changed");
        return event;
    }

    /** Someone comments on a task in Asana: @return the event Asana reports */
    ObjectNode comments(String taskGid, String text, String userGid, String userName) {
        return storyAdded(story(taskGid, text, userGid, userName).path("gid").asText(), taskGid, userGid);
    }

    private static ObjectNode event(String userGid, String gid, String type, String action) {
        ObjectNode event = JSON.createObjectNode();
        event.putObject("user").put("gid", userGid).put("resource_type", "user");
        event.put("created_at", Instant.now().toString()).put("action", action);
        event.putObject("resource").put("gid", gid).put("resource_type", type);
        return event;
    }

    /** @return the delivery of {@code events}, signed with {@code secret} as Asana signs it */
    static InboundRequest delivery(String secret, JsonNode... events) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("events");
        for (JsonNode e : events) {
            list.add(e);
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return new InboundRequest("POST", "webhook", Map.of("X-Hook-Signature",
                List.of(HookSecret.sign(secret, bytes)), "Content-Type", List.of("application/json")), bytes, "");
    }

    List<Recorded> writes() {
        List<Recorded> out = new ArrayList<>();
        for (Recorded r : server.requests()) {
            if (!r.method().equals("GET")) {
                out.add(r);
            }
        }
        return out;
    }

    static JsonNode data(Recorded request) {
        try {
            return JSON.readTree(request.body()).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode body(Recorded r) throws IOException {
        return JSON.readTree(r.body()).path("data");
    }

    private static ObjectNode user(String gid, String name) {
        return JSON.createObjectNode().put("gid", gid).put("resource_type", "user").put("name", name);
    }

    private static Reply data(int status, JsonNode data) {
        ObjectNode answer = JSON.createObjectNode();
        answer.set("data", data);
        return Reply.of(status, answer.toString());
    }

    private static Reply list(List<ObjectNode> items) {
        ObjectNode answer = JSON.createObjectNode();
        items.forEach(answer.putArray("data")::add);
        answer.putNull("next_page");
        return Reply.of(200, answer.toString());
    }

    private static Reply found(JsonNode item) {
        return item == null ? Reply.of(404, "{\"errors\":[{\"message\":\"Not Found\"}]}") : data(200, item);
    }

    @Override
    public void close() {
        server.close();
    }
}
