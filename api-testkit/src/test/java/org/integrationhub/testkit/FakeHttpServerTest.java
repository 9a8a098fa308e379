package org.integrationhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.integrationhub.testkit.FakeHttpServer.Recorded;
import org.integrationhub.testkit.FakeHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeHttpServerTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private FakeHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = FakeHttpServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri(pathAndQuery)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer t0k3n").header("X-Trace", "a")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsMethodPathRawQueryHeadersAndBody() throws Exception {
        send("POST", "/1/cards?idList=abc&name=Printer%20on%20fire&pos=top&flag&name=second", "{\"a\":1}");
        Recorded r = server.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/1/cards");
        assertThat(r.query()).isEqualTo("idList=abc&name=Printer%20on%20fire&pos=top&flag&name=second");
        assertThat(r.queryParameter("name")).isEqualTo("Printer on fire");
        assertThat(r.queryParameters().get("name")).containsExactly("Printer on fire", "second");
        assertThat(r.queryParameter("flag")).isEmpty();
        assertThat(r.queryParameter("missing")).isNull();
        assertThat(r.header("authorization")).isEqualTo("Bearer t0k3n");
        assertThat(r.header("x-trace")).isEqualTo("a");
        assertThat(r.body()).isEqualTo("{\"a\":1}");
        assertThat(r.requestLine()).startsWith("POST /1/cards?idList=abc");
    }

    @Test
    void aRequestWithoutQueryHasAnEmptyOne() throws Exception {
        send("GET", "/x", null);
        assertThat(server.requests().get(0).query()).isEmpty();
        assertThat(server.requests().get(0).queryParameters()).isEmpty();
    }

    @Test
    void aRouteAnswersItsSequenceAndRepeatsTheLastReply() throws Exception {
        server.route("POST", "/rest/api/3/issue", Reply.of(429, "{}").withHeader("Retry-After", "1"),
                Reply.of(201, "{\"key\":\"HELP-1\"}"));
        HttpResponse<String> first = send("POST", "/rest/api/3/issue", "{}");
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("1");
        assertThat(send("POST", "/rest/api/3/issue", "{}").body()).isEqualTo("{\"key\":\"HELP-1\"}");
        assertThat(send("POST", "/rest/api/3/issue", "{}").statusCode()).isEqualTo(201);
        assertThat(send("GET", "/rest/api/3/issue", null).statusCode()).as("another method is another route")
                .isEqualTo(200);
        assertThat(server.requests("post", "/rest/api/3/issue")).hasSize(3);
    }

    @Test
    void routesComeBeforeTheQueueAndTheQueueBeforeTheFallback() throws Exception {
        server.route("GET", "/routed", Reply.of(202, "r"));
        server.enqueue(Reply.of(201, "q1"), Reply.of(203, "q2"));
        server.otherwise(r -> Reply.of(418, "fallback " + r.path()));
        assertThat(send("GET", "/routed", null).statusCode()).isEqualTo(202);
        assertThat(send("GET", "/a", null).body()).isEqualTo("q1");
        assertThat(send("GET", "/b", null).body()).isEqualTo("q2");
        HttpResponse<String> last = send("GET", "/c", null);
        assertThat(last.statusCode()).isEqualTo(418);
        assertThat(last.body()).isEqualTo("fallback /c");
    }

    @Test
    void answerEverythingOverridesRoutesQueueAndFallbackUntilCleared() throws Exception {
        server.route("GET", "/routed", Reply.of(202, "r"));
        server.enqueue(Reply.of(201, "q"));
        server.answerEverything(Reply.of(503, "{}"));
        assertThat(send("GET", "/routed", null).statusCode()).isEqualTo(503);
        assertThat(send("GET", "/other", null).statusCode()).isEqualTo(503);
        server.answerEverything(null);
        assertThat(send("GET", "/routed", null).statusCode()).isEqualTo(202);
        assertThat(send("GET", "/other", null).body()).isEqualTo("q");
    }

    @Test
    void repliesAreJsonUnlessAnotherContentTypeIsSet() throws Exception {
        assertThat(send("GET", "/", null).headers().firstValue("Content-Type")).contains("application/json");
        server.enqueue(Reply.of(200, "<html>oops</html>").withContentType("text/html"),
                Reply.of(200, "x").withHeader("content-type", "text/plain"));
        assertThat(send("GET", "/", null).headers().firstValue("Content-Type")).contains("text/html");
        assertThat(send("GET", "/", null).headers().allValues("Content-Type")).containsExactly("text/plain");
    }

    @Test
    void aDelayedReplyTimesTheClientOut() {
        server.enqueue(Reply.of(200, "{}").withDelay(Duration.ofSeconds(20)));
        HttpRequest request = HttpRequest.newBuilder(server.uri("/slow")).timeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aDroppedConnectionIsAnIoErrorAtTheClient() {
        server.route("POST", "/reset", Reply.drop());
        assertThatThrownBy(() -> send("POST", "/reset", "{}")).isInstanceOf(IOException.class);
        assertThat(server.requests("POST", "/reset")).isNotEmpty();
    }

    @Test
    void aClosedServerRefusesConnections() {
        URI uri = server.uri("/gone");
        server.close();
        server.close(); // idempotent
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void assertExactlyOnceReturnsTheRequestOrListsWhatArrived() throws Exception {
        send("POST", "/issue?expand=names", "{}");
        assertThat(server.assertExactlyOnce("POST", "/issue").queryParameter("expand")).isEqualTo("names");
        send("POST", "/issue", "{}");
        send("GET", "/myself", null);
        assertThatThrownBy(() -> server.assertExactlyOnce("POST", "/issue")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected exactly one POST /issue but 2 arrived")
                .hasMessageContaining("POST /issue?expand=names (2 chars)").hasMessageContaining("GET /myself");
        assertThatThrownBy(() -> server.assertExactlyOnce("DELETE", "/issue"))
                .hasMessageContaining("but 0 arrived");
    }

    @Test
    void awaitWaitsForRequestsMadeInTheBackground() throws Exception {
        Thread caller = new Thread(() -> {
            try {
                Thread.sleep(100);
                send("POST", "/later", "{}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        caller.start();
        assertThat(server.await("POST", "/later", 1, Duration.ofSeconds(5))).hasSize(1);
        caller.join();
        assertThatThrownBy(() -> server.await("POST", "/never", 1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("POST /later");
    }

    @Test
    void theFourArgumentReplyOfVersionOneStillWorks() throws Exception {
        server.enqueue(new Reply(429, "{}", Map.of("Retry-After", "7"), Duration.ZERO));
        HttpResponse<String> r = send("GET", "/", null);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains("7");
        assertThat(List.of(Reply.status(204).body())).containsExactly("");
    }
}
