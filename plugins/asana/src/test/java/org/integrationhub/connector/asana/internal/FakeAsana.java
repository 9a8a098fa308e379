package org.integrationhub.connector.asana.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.StreamSupport;

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
 * {@link #hub} while the create call waits, as Asana does. Strict like the real API: a request whose route, query
 * parameters, {@code opt_fields} values, {@code completed_since}, pagination offset, Content-Type or {@code data}
 * fields and types differ from the operation in Asana's OpenAPI spec is answered 400 with Asana's error body (and
 * recorded in {@link #rejected}); no bearer token is 401. Routes scripted on {@link #server} take precedence (for
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

    /**
     * An operation of Asana's OpenAPI spec (github.com/Asana/openapi, defs/asana_oas.yaml): the query parameters it
     * takes, its {@code opt_fields} enum (the top-level values, plus the dotted ones this fake serves), whether its
     * {@code completed_since} also takes the keyword {@code now}, and, for writes, the writable fields of its
     * {@code data} object with their types and the required ones.
     */
    private record Operation(Set<String> query, Set<String> optFields, boolean sinceNow, Map<String, String> body,
            Set<String> required) {

        static Operation read(Set<String> optFields, String... query) {
            return new Operation(Set.of(query), optFields, false, null, Set.of());
        }

        static Operation write(Set<String> optFields, Map<String, String> body, String... required) {
            return new Operation(Set.of("opt_fields", "opt_pretty"), optFields, false, body, Set.of(required));
        }
    }

    private static final Set<String> USER_FIELDS = Set.of("custom_fields", "email", "name", "photo", "workspaces",
            "workspaces.name");
    private static final Set<String> TASK_FIELDS = Set.of("actual_time_minutes", "approval_status", "assigned_by",
            "assignee", "assignee.name", "assignee_section", "assignee_status", "completed", "completed_at",
            "completed_by", "created_at", "created_by", "custom_fields", "custom_type", "custom_type_status_option",
            "dependencies", "dependents", "due_at", "due_on", "external", "followers", "hearted", "hearts",
            "html_notes", "is_rendered_as_separator", "liked", "likes", "memberships", "modified_at", "name", "notes",
            "num_hearts", "num_likes", "num_subtasks", "parent", "permalink_url", "projects", "projects.name",
            "resource_subtype", "start_at", "start_on", "tags", "workspace", "workspace.name");
    private static final Set<String> TASK_LIST_FIELDS = union(TASK_FIELDS, Set.of("offset", "path", "uri"));
    private static final Set<String> STORY_FIELDS = Set.of("assignee", "created_at", "created_by", "created_by.name",
            "custom_field", "dependency", "duplicate_of", "duplicated_from", "follower", "hearted", "hearts",
            "html_text", "is_editable", "is_edited", "is_pinned", "liked", "likes", "new_approval_status",
            "new_date_value", "new_dates", "new_enum_value", "new_multi_enum_values", "new_name", "new_number_value",
            "new_people_value", "new_resource_subtype", "new_section", "new_text_value", "num_hearts", "num_likes",
            "old_approval_status", "old_date_value", "old_dates", "old_enum_value", "old_multi_enum_values",
            "old_name", "old_number_value", "old_people_value", "old_resource_subtype", "old_section",
            "old_text_value", "previews", "project", "reaction_summary", "resource_subtype", "source",
            "sticker_name", "story", "tag", "target", "target.name", "task", "text", "type");
    private static final Set<String> STORY_LIST_FIELDS = union(STORY_FIELDS, Set.of("offset", "path", "uri"));
    private static final Set<String> WEBHOOK_FIELDS = Set.of("active", "created_at", "delivery_retry_count",
            "failure_deletion_timestamp", "filters", "last_failure_at", "last_failure_content", "last_success_at",
            "next_attempt_after", "resource", "resource.name", "target");
    /** The writable fields of TaskUpdateRequest (that the connector might send) and their types. */
    private static final Map<String, String> TASK_UPDATE = Map.of("name", "string", "notes", "string", "html_notes",
            "string", "completed", "boolean", "due_at", "date-time?", "start_at", "date-time?", "assignee", "string",
            "parent", "string", "resource_subtype", "string");
    /** TaskCreateRequest: the update's fields, and where the task goes. */
    private static final Map<String, String> TASK_CREATE = union(TASK_UPDATE, Map.of("projects", "string[]",
            "workspace", "string", "followers", "string[]", "tags", "string[]"));
    private static final Map<String, Operation> OPERATIONS = Map.of(
            "GET users/", Operation.read(USER_FIELDS, "opt_fields", "opt_pretty", "workspace"),
            "POST tasks", Operation.write(TASK_FIELDS, TASK_CREATE),
            "GET tasks", Operation.read(TASK_LIST_FIELDS, "limit", "offset", "assignee", "project", "section",
                    "workspace", "completed_since", "modified_since", "opt_fields", "opt_pretty"),
            "GET projects//tasks", new Operation(Set.of("opt_fields", "completed_since", "opt_pretty", "limit",
                    "offset"), TASK_LIST_FIELDS, true, null, Set.of()),
            "GET tasks/", Operation.read(TASK_FIELDS, "opt_fields", "opt_pretty"),
            "PUT tasks/", Operation.write(TASK_FIELDS, TASK_UPDATE),
            "POST tasks//stories", Operation.write(STORY_FIELDS, Map.of("text", "string", "html_text", "string",
                    "is_pinned", "boolean", "sticker_name", "string")),
            "GET tasks//stories", Operation.read(STORY_LIST_FIELDS, "limit", "offset", "opt_fields", "opt_pretty"),
            "GET stories/", Operation.read(STORY_FIELDS, "opt_fields", "opt_pretty"),
            "POST webhooks", Operation.write(WEBHOOK_FIELDS, Map.of("resource", "string", "target", "uri",
                    "filters", "filter[]"), "resource", "target"));

    final FakeHttpServer server;
    final Map<String, ObjectNode> tasks = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> stories = new ConcurrentHashMap<>();
    /** The requests refused for not matching Asana's documented API, with the reason. */
    final List<String> rejected = new CopyOnWriteArrayList<>();
    /** The pagination offsets handed out (Asana refuses any other). */
    private final Set<String> offsets = ConcurrentHashMap.newKeySet();
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
        String route = r.method() + " " + p[0] + (p.length > 1 ? "/" : "") + (p.length > 2 ? "/" + p[2] : "");
        Operation operation = OPERATIONS.get(route);
        if (operation == null) {
            return Reply.of(404, "{\"errors\":[{\"message\":\"Unknown route: " + r.requestLine() + "\"}]}");
        }
        String authorization = r.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            return Reply.of(401, "{\"errors\":[{\"message\":\"Not Authorized\"}]}");
        }
        String invalid = invalidQuery(r, operation);
        JsonNode data = null;
        if (invalid == null) {
            try {
                data = body(r, operation);
            } catch (IllegalArgumentException e) {
                invalid = e.getMessage();
            } catch (IOException e) {
                invalid = "Could not parse request data, invalid JSON";
            }
        }
        if (invalid != null) {
            rejected.add(r.requestLine() + ": " + invalid);
            ObjectNode answer = JSON.createObjectNode();
            answer.putArray("errors").addObject().put("message", invalid).put("help", "For more information on API "
                    + "status codes and how to handle them, read the docs on errors: "
                    + "https://developers.asana.com/docs/errors");
            return Reply.of(400, answer.toString());
        }
        return switch (route) {
            case "GET users/" -> data(200, user(ME, "Hub Bot"));
            case "POST tasks" -> createTask(data);
            case "GET tasks" -> listTasks(r, r.queryParameter("project"));
            case "GET projects//tasks" -> listTasks(r, p[1]);
            case "GET tasks/" -> found(tasks.get(p[1]));
            case "PUT tasks/" -> updateTask(p[1], data);
            case "POST tasks//stories" -> createStory(p[1], data.path("text").asText(), ME, "Hub Bot");
            case "GET tasks//stories" -> page(r, stories.values().stream()
                    .filter(s -> s.path("target").path("gid").asText().equals(p[1]))
                    .sorted((a, b) -> a.path("gid").asText().compareTo(b.path("gid").asText())).toList());
            case "GET stories/" -> found(stories.get(p[1]));
            case "POST webhooks" -> createWebhook(data);
            default -> throw new IllegalStateException(route);
        };
    }

    /**
     * @return why Asana would refuse the query (a parameter the operation does not take, an {@code opt_fields} value
     *         outside its enum, a {@code limit} outside 1–100, an offset Asana never handed out, a
     *         {@code completed_since} that is neither a date-time nor, where documented, {@code now}), or null
     */
    private String invalidQuery(Recorded r, Operation operation) {
        for (Map.Entry<String, List<String>> e : r.queryParameters().entrySet()) {
            String name = e.getKey();
            String value = e.getValue().get(0);
            if (!operation.query().contains(name)) {
                return name + ": Unknown query parameter";
            }
            switch (name) {
                case "opt_fields" -> {
                    for (String field : value.split(",")) {
                        if (!operation.optFields().contains(field)) {
                            return "opt_fields: Not a recognized field: " + field;
                        }
                    }
                }
                case "limit" -> {
                    if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 100) {
                        return "limit: The value must be between 1 and 100";
                    }
                }
                case "offset" -> {
                    if (!offsets.contains(value)) {
                        return "offset: Your pagination token is invalid";
                    }
                }
                case "completed_since", "modified_since" -> {
                    if (!(operation.sinceNow() && "now".equals(value)) && !isDateTime(value)) {
                        return name + ": Not a valid date-time: " + value;
                    }
                }
                default -> {
                    // a gid or flag: any value
                }
            }
        }
        return null;
    }

    /** @return the {@code data} object of a write (null for a read), after checking it as Asana's schema says */
    private static JsonNode body(Recorded r, Operation operation) throws IOException {
        if (operation.body() == null) {
            if (!r.body().isEmpty()) {
                throw new IllegalArgumentException("A " + r.method() + " request takes no body");
            }
            return null;
        }
        String type = r.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new IllegalArgumentException("Content-Type must be application/json, was " + type);
        }
        JsonNode root = JSON.readTree(r.body());
        if (root == null || !root.isObject() || root.size() != 1 || !root.path("data").isObject()) {
            throw new IllegalArgumentException("The request body must be a JSON object with a single data object");
        }
        JsonNode data = root.path("data");
        data.fieldNames().forEachRemaining(field -> {
            String kind = operation.body().get(field);
            if (kind == null) {
                throw new IllegalArgumentException(field + ": Unknown or read-only field");
            }
            if (!hasKind(data.get(field), kind)) {
                throw new IllegalArgumentException(field + ": Not a valid " + kind + ": " + data.get(field));
            }
        });
        for (String required : operation.required()) {
            if (!data.has(required)) {
                throw new IllegalArgumentException(required + ": Missing input");
            }
        }
        return data;
    }

    private static boolean hasKind(JsonNode value, String kind) {
        return switch (kind) {
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "date-time?" -> value.isNull() || value.isTextual() && isDateTime(value.asText());
            case "uri" -> value.isTextual() && URI.create(value.asText()).isAbsolute();
            case "string[]" -> value.isArray() && StreamSupport.stream(value.spliterator(), false)
                    .allMatch(JsonNode::isTextual);
            case "filter[]" -> value.isArray() && StreamSupport.stream(value.spliterator(), false)
                    .allMatch(FakeAsana::isFilter);
            default -> throw new IllegalStateException(kind);
        };
    }

    /** A WebhookFilter: resource_type, resource_subtype, action (strings), fields (strings; only for changed). */
    private static boolean isFilter(JsonNode filter) {
        if (!filter.isObject()) {
            return false;
        }
        for (Iterator<String> names = filter.fieldNames(); names.hasNext();) {
            String name = names.next();
            boolean ok = switch (name) {
                case "resource_type", "resource_subtype", "action" -> filter.get(name).isTextual();
                case "fields" -> hasKind(filter.get(name), "string[]")
                        && "changed".equals(filter.path("action").asText());
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDateTime(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
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

    private Reply listTasks(Recorded r, String project) {
        return page(r, tasks.values().stream()
                .filter(t -> t.path("projects").path(0).path("gid").asText().equals(project))
                .filter(t -> !"now".equals(r.queryParameter("completed_since")) || !t.path("completed").asBoolean())
                .sorted((a, b) -> a.path("gid").asText().compareTo(b.path("gid").asText())).toList());
    }

    /** @return one page of {@code items}, as Asana pages: {@code limit} (default 20 here), opaque offset tokens */
    private Reply page(Recorded r, List<ObjectNode> items) {
        int limit = r.queryParameter("limit") == null ? 20 : Integer.parseInt(r.queryParameter("limit"));
        String offset = r.queryParameter("offset");
        int from = offset == null ? 0 : Integer.parseInt(new String(Base64.getUrlDecoder().decode(offset),
                StandardCharsets.UTF_8).substring("page:".length()));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        items.subList(Math.min(from, items.size()), Math.min(items.size(), from + limit)).forEach(data::add);
        if (from + limit < items.size()) {
            String next = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("page:" + (from + limit)).getBytes(StandardCharsets.UTF_8));
            offsets.add(next);
            String path = r.path().substring(API.length()) + "?limit=" + limit + "&offset=" + next;
            answer.putObject("next_page").put("offset", next).put("path", path).put("uri", apiUrl() + path);
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

    /** A person changes the task {@code count} times (due date, assignee…): Asana records a system story each time. */
    void addSystemStories(String taskGid, int count) {
        for (int i = 0; i < count; i++) {
            ObjectNode story = story(taskGid, "changed the due date to Dec " + (1 + i % 28), PERSON, "Egon Spengler");
            story.put("type", "system").put("resource_subtype", "due_date_changed");
        }
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

    private static ObjectNode user(String gid, String name) {
        return JSON.createObjectNode().put("gid", gid).put("resource_type", "user").put("name", name);
    }

    private static Reply data(int status, JsonNode data) {
        ObjectNode answer = JSON.createObjectNode();
        answer.set("data", data);
        return Reply.of(status, answer.toString());
    }

    private static Reply found(JsonNode item) {
        return item == null ? Reply.of(404, "{\"errors\":[{\"message\":\"Not Found\"}]}") : data(200, item);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new HashMap<>(a);
        all.putAll(b);
        return Map.copyOf(all);
    }

    @Override
    public void close() {
        server.close();
    }
}
