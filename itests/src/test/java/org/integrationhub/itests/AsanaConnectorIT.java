package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Asana connector as the distribution installs it (part of the integration-hub feature), one instance configured
 * in etc/ against a loopback Asana, one booted hub for every check of issue #17's "done when": the instance registers
 * its webhook (Asana's X-Hook-Secret handshake reaches the hub's /integrations/asana/webhook while the create call
 * waits); a ticket becomes one task, listed as the ticket's link; resolving the ticket completes the task; a signed
 * completion from Asana resolves another ticket; a delivery with a bad signature gets 401 and changes nothing; a hub
 * comment becomes a story, a person's story becomes one ticket comment (Asana's resend too), neither comes back.
 */
class AsanaConnectorIT {

    private static final String NAME = "asana-it";
    private static final String TOKEN = "2/1200000000000001/1208000000000001:it-token-0123456789abcdef";
    private static final String PROJECT = "1203000000000001";
    private static final String HOOK_SECRET = "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeAsana asana;
    private HubProcess hub;

    @BeforeEach
    void start() throws Exception {
        asana = new FakeAsana();
        Path archive = Paths.get(System.getProperty("hub.distribution"));
        hub = HubProcess.unpack(archive, Paths.get(System.getProperty("project.build.directory", "target"), "asana-it"));
        Files.writeString(hub.home().resolve("etc/org.integrationhub.core.cfg"), String.join("\n",
                "ticketUrlTemplate = https://help.example.com/tickets/{id}",
                "publicBaseUrl = http://127.0.0.1:" + hub.httpPort(), ""));
        Files.writeString(hub.home().resolve("etc/org.integrationhub.connector.asana-" + NAME + ".cfg"),
                String.join("\n", "integration.name = " + NAME, ".access.token = " + TOKEN, "workspace = 1202000000000001",
                        "project = " + PROJECT, "api.url = " + asana.url(), ""));
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.stop();
        }
        asana.close();
    }

    @Test
    void tasksFollowTicketsAndSignedCompletionsResolveThem() throws Exception {
        hub.start();
        HubHttp http = hub.http();
        http.awaitHealthy(Duration.ofSeconds(180));
        String key = hub.createKey("asana-it", "--scope", "tickets:read", "--scope", "tickets:write", "--scope",
                "integrations:read", "--scope", "integrations:execute");
        awaitOnline(http, key);

        HubHttp.Answer registered = http.post("/api/v1/integrations/" + NAME + "/actions/register_webhook", key, "{}");
        assertThat(registered.status).as("register_webhook: %s", registered).isEqualTo(200);
        assertThat(asana.handshakes).as("handshake answers").containsExactly(HOOK_SECRET);
        assertThat(registered.json.toString()).contains("1205000000000001");

        String first = createTicket(http, key, "Printer on fire");
        ObjectNode task = awaitTask(t -> t.path("name").asText().equals("Printer on fire"));
        String gid = task.path("gid").asText();
        assertThat(task.path("notes").asText()).endsWith("https://help.example.com/tickets/" + first);
        HubHttp.Answer links = awaitLinks(http, key, first);
        assertThat(links.json.get(0).get("integration").asText()).isEqualTo(NAME);
        assertThat(links.json.get(0).get("type").asText()).isEqualTo("task");
        assertThat(links.json.get(0).get("key").asText()).isEqualTo(gid);
        assertThat(links.json.get(0).get("url").asText()).isEqualTo("https://app.asana.com/0/" + PROJECT + "/" + gid);

        assertThat(http.patch("/api/v1/tickets/" + first, key, "{\"status\":\"resolved\"}").status).isEqualTo(200);
        awaitTask(t -> t.path("gid").asText().equals(gid) && t.path("completed").asBoolean());

        String second = createTicket(http, key, "VPN drops every hour");
        String secondGid = awaitTask(t -> t.path("name").asText().equals("VPN drops every hour")).path("gid").asText();
        String third = createTicket(http, key, "Coffee machine leaks");
        String thirdGid = awaitTask(t -> t.path("name").asText().equals("Coffee machine leaks")).path("gid").asText();

        asana.tasks.get(thirdGid).put("completed", true);
        HttpResponse<String> forged = deliver(completion(thirdGid), "another-secret-0123456789abcdef");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(status(http, key, third)).isEqualTo("open");

        asana.tasks.get(secondGid).put("completed", true);
        HttpResponse<String> signed = deliver(completion(secondGid), HOOK_SECRET);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(status(http, key, second)).isEqualTo("resolved");
        assertThat(status(http, key, third)).as("the forged completion changed nothing").isEqualTo("open");

        HubHttp.Answer comment = http.post("/api/v1/tickets/" + third + "/comments", key,
                "{\"body\":\"On my way\",\"author\":{\"name\":\"Bob\",\"email\":\"bob@example.com\"}}");
        assertThat(comment.status).isEqualTo(201);
        ObjectNode posted = awaitStory(s -> s.path("text").asText().startsWith("On my way"));
        assertThat(posted.path("text").asText()).isEqualTo("On my way\n\n-- From Helpdesk by Bob");
        assertThat(posted.path("target").path("gid").asText()).isEqualTo(thirdGid);

        String personStory = asana.story(thirdGid, "Replaced the seal", "1200000000000777", "Egon Spengler")
                .path("gid").asText();
        String added = storyAdded(personStory, thirdGid);
        assertThat(deliver(added, HOOK_SECRET).statusCode()).isEqualTo(200);
        assertThat(deliver(added, HOOK_SECRET).statusCode()).as("Asana's resend").isEqualTo(200);
        String echo = storyAdded(posted.path("gid").asText(), thirdGid);
        assertThat(deliver(echo, HOOK_SECRET).statusCode()).isEqualTo(200);
        JsonNode comments = http.get("/api/v1/tickets/" + third + "/comments", key).json;
        assertThat(comments.findValuesAsText("body")).containsExactly("On my way", "Replaced the seal");

        Thread.sleep(1000); // any late duplicate would have arrived by now
        assertThat(asana.calls("POST", "/api/1.0/tasks/" + thirdGid + "/stories")).as("the Asana comment is not "
                + "sent back").hasSize(1);
        assertThat(asana.calls("POST", "/api/1.0/tasks")).as("one task per ticket").hasSize(3);
        assertThat(asana.calls("PUT", "/api/1.0/tasks/" + secondGid)).as("the completion is not sent back").isEmpty();
        assertThat(asana.authorizations).containsOnly("Bearer " + TOKEN);
        assertThat(Files.readString(hub.home().resolve("data/log/karaf.log"))).doesNotContain(TOKEN)
                .doesNotContain(HOOK_SECRET);
    }

    private void awaitOnline(HubHttp http, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HubHttp.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = http.get("/api/v1/integrations/" + NAME, key);
            if (last.status == 200 && "ONLINE".equals(last.json.path("status").asText())) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the Asana instance did not come up: " + last);
    }

    private static String createTicket(HubHttp http, String key, String subject) throws Exception {
        HubHttp.Answer a = http.post("/api/v1/tickets", key, HubHttp.ticketJson(subject, "high", "ann@example.com"));
        assertThat(a.status).as("create ticket: %s", a).isEqualTo(201);
        return a.json.get("id").asText();
    }

    private static String status(HubHttp http, String key, String ticket) throws Exception {
        return http.get("/api/v1/tickets/" + ticket, key).json.get("status").asText();
    }

    private ObjectNode awaitTask(Predicate<ObjectNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ObjectNode t : asana.tasks.values()) {
                if (condition.test(t)) {
                    return t;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such task reached Asana: " + asana.tasks.values());
    }

    private static HubHttp.Answer awaitLinks(HubHttp http, String key, String ticket) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HubHttp.Answer a = null;
        while (System.nanoTime() < deadline) {
            a = http.get("/api/v1/tickets/" + ticket + "/links", key);
            if (a.status == 200 && a.json.size() > 0) {
                return a;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the ticket's task link was not listed: " + a);
    }

    private ObjectNode awaitStory(Predicate<ObjectNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ObjectNode s : asana.stories.values()) {
                if (condition.test(s)) {
                    return s;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such story reached Asana: " + asana.stories.values());
    }

    private static String storyAdded(String storyGid, String taskGid) {
        return "{\"events\":[{\"user\":{\"gid\":\"1200000000000777\",\"resource_type\":\"user\"},"
                + "\"created_at\":\"2026-12-05T17:01:00.000Z\",\"action\":\"added\",\"resource\":{\"gid\":\""
                + storyGid + "\",\"resource_type\":\"story\",\"resource_subtype\":\"comment_added\"},"
                + "\"parent\":{\"gid\":\"" + taskGid + "\",\"resource_type\":\"task\","
                + "\"resource_subtype\":\"default_task\"}}]}";
    }

    private static String completion(String taskGid) {
        return "{\"events\":[{\"user\":{\"gid\":\"1200000000000777\",\"resource_type\":\"user\"},"
                + "\"created_at\":\"2026-12-05T17:00:00.000Z\",\"action\":\"changed\",\"resource\":{\"gid\":\""
                + taskGid + "\",\"resource_type\":\"task\",\"resource_subtype\":\"default_task\"},\"parent\":null,"
                + "\"change\":{\"field\":\"completed\",\"action\":\"changed\"}}]}";
    }

    private HttpResponse<String> deliver(String body, String secret) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(asana.webhookTarget)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-Hook-Signature", sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }


    /**
     * A loopback Asana REST API 1.0 with the documented payload shapes: users/me, tasks (create, read, update,
     * the project's task listing GET /projects/{gid}/tasks) and webhooks, whose creation POSTs the X-Hook-Secret
     * handshake to the target and fails unless the secret is echoed, as Asana does.
     */
    private static final class FakeAsana implements AutoCloseable {
        final Map<String, ObjectNode> tasks = new ConcurrentHashMap<>();
        final Map<String, ObjectNode> stories = new ConcurrentHashMap<>();
        final List<String> handshakes = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        private final AtomicLong ids = new AtomicLong(1204000000000100L);
        private final HttpServer server;
        volatile String webhookTarget;

        FakeAsana() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.createContext("/api/1.0/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/1.0";
        }

        List<String> calls(String method, String path) {
            return calls.stream().filter(c -> c.equals(method + " " + path)).toList();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                String method = exchange.getRequestMethod();
                String path = exchange.getRequestURI().getPath();
                calls.add(method + " " + path);
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                byte[] raw = exchange.getRequestBody().readAllBytes();
                JsonNode data = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw).path("data");
                String[] p = path.substring("/api/1.0/".length()).split("/");
                int status = 200;
                ObjectNode answer = JSON.createObjectNode();
                if (p[0].equals("users")) {
                    answer.putObject("data").put("gid", "1200000000000001").put("resource_type", "user")
                            .put("name", "Hub Bot");
                } else if (p[0].equals("tasks") && p.length == 1 && method.equals("POST")) {
                    String gid = Long.toString(ids.incrementAndGet());
                    ObjectNode task = JSON.createObjectNode().put("gid", gid).put("resource_type", "task")
                            .put("name", data.path("name").asText()).put("notes", data.path("notes").asText())
                            .put("due_at", data.path("due_at").asText()).put("completed", false)
                            .put("permalink_url", "https://app.asana.com/0/" + PROJECT + "/" + gid);
                    tasks.put(gid, task);
                    answer.set("data", task);
                    status = 201;
                } else if (p[0].equals("projects") && p.length == 3 && p[2].equals("tasks") && method.equals("GET")) {
                    answer.putArray("data");
                    answer.putNull("next_page");
                } else if (p[0].equals("tasks") && p.length == 3 && tasks.containsKey(p[1]) && method.equals("POST")) {
                    answer.set("data", story(p[1], data.path("text").asText(), "1200000000000001", "Hub Bot"));
                    status = 201;
                } else if (p[0].equals("stories") && stories.containsKey(p[1])) {
                    answer.set("data", stories.get(p[1]));
                } else if (p[0].equals("tasks") && p.length == 2 && tasks.containsKey(p[1])) {
                    ObjectNode task = tasks.get(p[1]);
                    if (method.equals("PUT")) {
                        data.fields().forEachRemaining(f -> task.set(f.getKey(), f.getValue()));
                    }
                    answer.set("data", task);
                } else if (p[0].equals("webhooks") && method.equals("POST")) {
                    webhookTarget = data.path("target").asText();
                    status = handshake(webhookTarget) ? 201 : 400;
                    answer.putObject("data").put("gid", "1205000000000001").put("resource_type", "webhook")
                            .put("target", webhookTarget).put("active", false);
                    answer.put("X-Hook-Secret", HOOK_SECRET);
                } else {
                    status = 404;
                    answer.putArray("errors").addObject().put("message", "Not Found");
                }
                byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            } finally {
                exchange.close();
            }
        }

        /** Stores a comment story on a task, as Asana answers it: @return the story */
        ObjectNode story(String taskGid, String text, String userGid, String userName) {
            String gid = Long.toString(ids.incrementAndGet());
            ObjectNode story = JSON.createObjectNode().put("gid", gid).put("resource_type", "story")
                    .put("type", "comment").put("resource_subtype", "comment_added").put("text", text);
            story.putObject("created_by").put("gid", userGid).put("resource_type", "user").put("name", userName);
            story.putObject("target").put("gid", taskGid).put("resource_type", "task");
            stories.put(gid, story);
            return story;
        }

        private boolean handshake(String target) {
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(target))
                        .timeout(Duration.ofSeconds(10)).header("X-Hook-Secret", HOOK_SECRET)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                String echoed = r.headers().firstValue("X-Hook-Secret").orElse("");
                handshakes.add(echoed);
                return (r.statusCode() == 200 || r.statusCode() == 204) && echoed.equals(HOOK_SECRET);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
