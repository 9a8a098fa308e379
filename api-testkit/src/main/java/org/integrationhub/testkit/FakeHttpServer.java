package org.integrationhub.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server standing in for a vendor API in connector tests (JDK {@code com.sun.net.httpserver}, no
 * dependencies): records every request and answers with queued or programmed responses (default 200 {@code {}}).
 *
 * @since 0.1.0
 */
public final class FakeHttpServer implements AutoCloseable {

    /** A request the server received. */
    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        /** @param name header name, case-insensitive @return its first value or null */
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A response to send; {@code delay} simulates a slow vendor. */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        /** @param status HTTP status @param body JSON body @return a reply */
        public static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> queued = new ConcurrentLinkedQueue<>();
    private volatile Function<Recorded, Reply> fallback = r -> Reply.of(200, "{}");

    private FakeHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return a started server on a free loopback port */
    public static FakeHttpServer start() throws IOException {
        return new FakeHttpServer();
    }

    /** @param path a path starting with "/" @return the absolute URI of that path on this server */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Queues replies, used in order before the fallback. */
    public FakeHttpServer enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
        return this;
    }

    /** Sets the reply used when the queue is empty. */
    public FakeHttpServer otherwise(Function<Recorded, Reply> responder) {
        this.fallback = responder;
        return this;
    }

    /** @return every request received so far, in arrival order */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(recorded);
            Reply reply = queued.poll();
            if (reply == null) {
                reply = fallback.apply(recorded);
            }
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            out.write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
