package org.integrationhub.webhooks.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A loopback webhook receiver (JDK HttpServer on 127.0.0.1) that records every request and answers as told. */
final class Receiver implements AutoCloseable {

    record Received(Map<String, List<String>> headers, String body, long atMillis) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }
    }

    /** What to answer: status and optional Retry-After. */
    record Answer(int status, String retryAfter) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile Function<Received, Answer> answer = r -> new Answer(200, null);
    private final javax.net.ssl.SSLContext tls;
    private HttpServer server;
    private int port;

    Receiver() throws IOException {
        this(null);
    }

    /** @param tls serves HTTPS with this context when not null */
    Receiver(javax.net.ssl.SSLContext tls) throws IOException {
        this.tls = tls;
        start(0);
    }

    void start(int onPort) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", onPort);
        if (tls != null) {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(address, 100);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        } else {
            server = HttpServer.create(address, 100);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port + "/hook";
    }

    int port() {
        return port;
    }

    private void handle(HttpExchange x) throws IOException {
        Map<String, List<String>> headers = new HashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received r = new Received(headers, body, System.currentTimeMillis());
        received.add(r);
        Answer a = answer.apply(r);
        if (a.retryAfter() != null) {
            x.getResponseHeaders().add("Retry-After", a.retryAfter());
        }
        byte[] out = ("{\"status\":" + a.status() + "}").getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(a.status(), out.length);
        x.getResponseBody().write(out);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
