package org.integrationhub.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server standing in for a vendor API in connector tests (JDK {@code com.sun.net.httpserver}, no
 * dependencies). It records every request (method, path, raw query, headers, body) and answers from, in this order:
 * <ol>
 * <li>the one reply to everything, while {@link #answerEverything} has set one (an outage);</li>
 * <li>the replies scripted for the request's method and path with {@link #route} — a sequence in which the last
 * reply repeats (e.g. one {@code 429 Retry-After: 1}, then {@code 201} for ever);</li>
 * <li>the queue of {@link #enqueue}d replies, each used once, for any route;</li>
 * <li>the {@link #otherwise} responder (default {@code 200 {}}).</li>
 * </ol>
 * A {@link Reply} may be delayed ({@link Reply#withDelay}, a slow or hanging vendor) or drop the connection without
 * an answer ({@link Reply#drop()}, a reset); {@link #close()} stops the server, after which connections to its port
 * are refused. Thread-safe: a connector may call it from several threads.
 *
 * @since 0.1.0
 */
public final class FakeHttpServer implements AutoCloseable {

    /** The content type of replies that set none: JSON. */
    public static final String JSON = "application/json";

    /**
     * A request the server received.
     *
     * @param method HTTP method, upper case
     * @param path the decoded path, e.g. {@code /rest/api/3/issue}
     * @param query the raw (still percent-encoded) query string without {@code ?}, or {@code ""} if none
     * @param headers the request headers as received
     * @param body the body decoded as UTF-8, {@code ""} if none
     * @since 0.2.0 ({@code query})
     */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {

        /** @param name header name, case-insensitive @return its first value or null */
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /**
         * @param name a query parameter name (exact, after decoding)
         * @return its first value, decoded ({@code +} is a space), {@code ""} for a name without {@code =}, or null
         *         if absent
         * @since 0.2.0
         */
        public String queryParameter(String name) {
            List<String> values = queryParameters().get(name);
            return values == null ? null : values.get(0);
        }

        /** @return every query parameter, decoded, in order of appearance @since 0.2.0 */
        public Map<String, List<String>> queryParameters() {
            Map<String, List<String>> params = new LinkedHashMap<>();
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
            return params;
        }

        /** @return {@code METHOD path[?query]}, as in a request line */
        public String requestLine() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query);
        }
    }

    /**
     * A response to send.
     *
     * @param status HTTP status
     * @param body the body, sent as UTF-8; null or empty for none
     * @param headers extra response headers
     * @param delay how long to wait before answering (a slow vendor; a long delay is a hanging one)
     * @param contentType the Content-Type ({@link FakeHttpServer#JSON} unless set)
     * @param dropConnection close the connection without any answer (status and body are then unused)
     */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay, String contentType,
            boolean dropConnection) {

        public Reply {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            delay = delay == null ? Duration.ZERO : delay;
            contentType = contentType == null ? JSON : contentType;
        }

        /** A JSON reply with extra headers, answered after {@code delay}. */
        public Reply(int status, String body, Map<String, String> headers, Duration delay) {
            this(status, body, headers, delay, JSON, false);
        }

        /** @param status HTTP status @param body JSON body @return a reply */
        public static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), Duration.ZERO, JSON, false);
        }

        /** @param status HTTP status @return a reply without a body @since 0.2.0 */
        public static Reply status(int status) {
            return of(status, "");
        }

        /**
         * @return a "reply" that closes the connection without answering: the client sees the connection reset
         *         (an {@link IOException}), as with a crashing vendor or a proxy that gives up
         * @since 0.2.0
         */
        public static Reply drop() {
            return new Reply(0, "", Map.of(), Duration.ZERO, JSON, true);
        }

        /** @param name header @param value value @return this reply with the header added @since 0.2.0 */
        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, more, delay, contentType, dropConnection);
        }

        /** @param wait how long to wait before answering @return this reply, delayed @since 0.2.0 */
        public Reply withDelay(Duration wait) {
            return new Reply(status, body, headers, wait, contentType, dropConnection);
        }

        /** @param type the Content-Type, e.g. {@code text/html} @return this reply with it @since 0.2.0 */
        public Reply withContentType(String type) {
            return new Reply(status, body, headers, delay, type, dropConnection);
        }
    }

    private record Route(String method, String path) {
    }

    /** The scripted replies of one route; the last one repeats. */
    private static final class Script {
        private final List<Reply> replies;
        private int next;

        Script(List<Reply> replies) {
            this.replies = List.copyOf(replies);
        }

        synchronized Reply next() {
            Reply reply = replies.get(Math.min(next, replies.size() - 1));
            next++;
            return reply;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-http-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<Route, Script> routes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Reply> queued = new ConcurrentLinkedQueue<>();
    private volatile Function<Recorded, Reply> fallback = r -> Reply.of(200, "{}");
    private volatile Reply everything;
    private volatile boolean closed;

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

    /**
     * Scripts the answers to one route, replacing an earlier script of it: the n-th matching request gets the n-th
     * reply, and every request after the last reply gets the last reply again.
     *
     * @param method HTTP method, any case
     * @param path the exact decoded path, e.g. {@code /rest/api/3/issue} (the query is not part of it)
     * @param replies at least one reply
     * @return this, for chaining
     * @since 0.2.0
     */
    public FakeHttpServer route(String method, String path, Reply... replies) {
        if (replies.length == 0) {
            throw new IllegalArgumentException("route " + method + " " + path + " needs at least one reply");
        }
        routes.put(new Route(method.toUpperCase(Locale.ROOT), path), new Script(List.of(replies)));
        return this;
    }

    /** Queues replies for requests no route matches, used once each in order before the fallback. */
    public FakeHttpServer enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
        return this;
    }

    /** Sets the reply used when no route matches and the queue is empty. */
    public FakeHttpServer otherwise(Function<Recorded, Reply> responder) {
        this.fallback = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Answers every request with one reply from now on, before routes, queue and fallback — a vendor outage (all
     * 503), revoked credentials (all 401), a hanging vendor ({@code withDelay}); {@code null} ends it.
     *
     * @param reply the reply to every request, or null to answer as scripted again
     * @return this, for chaining
     * @since 0.2.0
     */
    public FakeHttpServer answerEverything(Reply reply) {
        this.everything = reply;
        return this;
    }

    /** @return every request received so far, in arrival order */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /**
     * @param method HTTP method, any case
     * @param path the exact decoded path
     * @return the requests of that route received so far, in arrival order
     * @since 0.2.0
     */
    public List<Recorded> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path)).toList();
    }

    /**
     * Asserts that exactly one request of the route arrived.
     *
     * @param method HTTP method, any case
     * @param path the exact decoded path
     * @return that request
     * @throws AssertionError naming every request that did arrive, if there were none or several
     * @since 0.2.0
     */
    public Recorded assertExactlyOnce(String method, String path) {
        List<Recorded> matching = requests(method, path);
        if (matching.size() != 1) {
            throw new AssertionError("expected exactly one " + method.toUpperCase(Locale.ROOT) + " " + path
                    + " but " + matching.size() + " arrived; all requests received: " + describe(requests()));
        }
        return matching.get(0);
    }

    /**
     * Waits until at least {@code count} requests of the route arrived (for connectors that call from the
     * scheduler).
     *
     * @param method HTTP method, any case
     * @param path the exact decoded path
     * @param count how many
     * @param timeout how long to wait at most
     * @return the requests of the route
     * @throws AssertionError naming what arrived, if fewer arrived in time
     * @since 0.2.0
     */
    public List<Recorded> await(String method, String path, int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (requests(method, path).size() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("expected " + count + " " + method.toUpperCase(Locale.ROOT) + " " + path
                        + " within " + timeout + "; all requests received: " + describe(requests()));
            }
            Thread.sleep(10);
        }
        return requests(method, path);
    }

    static String describe(List<Recorded> requests) {
        if (requests.isEmpty()) {
            return "none";
        }
        return requests.stream().map(r -> r.requestLine() + " (" + r.body().length() + " chars)")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private Reply replyTo(Recorded recorded) {
        Reply all = everything;
        if (all != null) {
            return all;
        }
        Script script = routes.get(new Route(recorded.method(), recorded.path()));
        if (script != null) {
            return script.next();
        }
        Reply reply = queued.poll();
        return reply != null ? reply : fallback.apply(recorded);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            Recorded recorded = new Recorded(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    exchange.getRequestURI().getPath(), query == null ? "" : query,
                    Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(recorded);
            Reply reply = replyTo(recorded);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            if (reply.dropConnection()) {
                return; // closing an exchange before its response headers closes the connection
            }
            send(exchange, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a failing responder of the test: answer 500 rather than leave the connector hanging
            send(exchange, Reply.of(500, "{\"error\":\"FakeHttpServer responder failed: "
                    + e.getClass().getSimpleName() + "\"}"));
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        boolean typed = false;
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            exchange.getResponseHeaders().add(h.getKey(), h.getValue());
            typed |= h.getKey().equalsIgnoreCase("Content-Type");
        }
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        if (!typed && bytes.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        }
        boolean noBody = bytes.length == 0 || reply.status() == 204 || reply.status() == 304
                || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops the server (later connections to its port are refused) and interrupts delayed replies. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
