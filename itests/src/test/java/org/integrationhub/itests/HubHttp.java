package org.integrationhub.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small JSON client for the hub's REST API on loopback, used by every distribution test. */
public final class HubHttp {

    /** One answer. */
    public static final class Answer {
        public final int status;
        public final HttpResponse<String> raw;
        public final JsonNode json;

        Answer(HttpResponse<String> raw, JsonNode json) {
            this.status = raw.statusCode();
            this.raw = raw;
            this.json = json;
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public HubHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Answer get(String path, String key) throws IOException, InterruptedException {
        return send("GET", path, key, null);
    }

    public Answer post(String path, String key, String body) throws IOException, InterruptedException {
        return send("POST", path, key, body);
    }

    public Answer patch(String path, String key, String body) throws IOException, InterruptedException {
        return send("PATCH", path, key, body);
    }

    public Answer send(String method, String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("X-API-Key", key);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json") && !r.body().isEmpty()) {
            json = JSON.readTree(r.body());
        }
        return new Answer(r, json);
    }

    /** Polls /api/v1/health until it answers 200. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Answer a = get("/api/v1/health", null);
                if (a.status == 200) {
                    return;
                }
                last = a.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("hub not healthy within " + timeout + ": " + last);
    }

    /** @return a ticket-creation body */
    public static String ticketJson(String subject, String priority, String email) {
        return "{\"subject\":\"" + subject + "\",\"description\":\"d\",\"priority\":\"" + priority
                + "\",\"customer\":{\"email\":\"" + email + "\",\"name\":\"C\"}}";
    }
}
