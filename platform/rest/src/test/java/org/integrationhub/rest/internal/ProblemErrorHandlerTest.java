package org.integrationhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.HandlerCollection;
import org.integrationhub.json.HubJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Jetty 9.4 server set up as Pax Web does it (handlers in a collection, {@link ErrorHandlerInstaller} among them):
 * whatever Jetty refuses on its own, before any servlet, is answered in problem+json, never HTML.
 */
class ProblemErrorHandlerTest {

    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        HandlerCollection handlers = new HandlerCollection();
        handlers.addHandler(new ErrorHandlerInstaller());
        handlers.addHandler(new AbstractHandler() { // stands for the servlet contexts: answers /ok only
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                if ("/ok".equals(target)) {
                    base.setHandled(true);
                    response.setContentType("application/json");
                    response.getWriter().write("{}");
                }
            }
        });
        server.setHandler(handlers);
        server.start();
        port = connector.getLocalPort();
        assertThat(server.getErrorHandler()).isInstanceOf(ProblemErrorHandler.class);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void encodedNulIsAProblem() throws IOException {
        assertProblem(get("/api/v1/tickets/%00"), 400);
    }

    @Test
    void rawDotDotAboveTheRootIsAProblem() throws IOException {
        assertProblem(get("/../etc/passwd"), 400);
        assertProblem(get("/api/../../x"), 400);
    }

    @Test
    void badPercentEncodingIsAProblem() throws IOException {
        assertProblem(get("/api/v1/tickets/%zz"), 400);
        assertProblem(get("/api/v1/%"), 400);
    }

    @Test
    void malformedRequestLinesAreProblems() throws IOException {
        assertProblem(send("GARBAGE\r\n\r\n"), 400);
        assertProblem(send("GET / HTTP/9.9\r\nHost: x\r\n\r\n"), 505);
        assertProblem(send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n"), 400); // no Host
        assertProblem(send("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void oversizedUriAndHeadersAreProblems() throws IOException {
        assertProblem(get("/" + "a".repeat(20_000)), 414);
        assertProblem(send("GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n"), 431);
    }

    @Test
    void pathsNoHandlerServesAre404Problems() throws IOException {
        assertProblem(get("/nowhere"), 404);
        assertProblem(send("DELETE /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404);
        assertThat(get("/ok")).startsWith("HTTP/1.1 200");
    }

    @Test
    void jettysOwnReasonIsKeptOnlyWhenPlain() throws IOException {
        JsonNode noHost = body(ProblemErrorHandler.body(400, "No Host"));
        assertThat(noHost.get("detail").asText()).contains("No Host");
        JsonNode hostile = body(ProblemErrorHandler.body(400, "<script>\"x\"</script>"));
        assertThat(hostile.get("detail").asText()).doesNotContain("script");
        JsonNode internal = body(ProblemErrorHandler.body(500, null));
        assertThat(internal.get("title").asText()).isEqualTo("Internal Server Error");
    }

    private static JsonNode body(byte[] json) throws IOException {
        return HubJson.mapper().readTree(json);
    }

    private static String get(String path) throws IOException {
        return send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    private static String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void assertProblem(String response, int status) throws IOException {
        assertThat(response).as(response).startsWith("HTTP/1.1 " + status);
        int split = response.indexOf("\r\n\r\n");
        String head = response.substring(0, split);
        String body = response.substring(split + 4);
        assertThat(head).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(body).doesNotContain("<").doesNotContain("Exception");
        JsonNode problem = HubJson.mapper().readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").isTextual()).isTrue();
        assertThat(problem.get("detail").isTextual()).isTrue();
    }
}
