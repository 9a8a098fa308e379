package org.integrationhub.benchmarks.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;

/** The loopback receiver both loops POST to: reads the body, answers 204, counts the hub's requests. */
final class Sink extends AbstractHandler implements AutoCloseable {

    final AtomicLong requests = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    /** When each webhook-id first arrived, while {@link #timing} (the latency phase only). */
    final Map<String, Long> firstArrivalNanos = new ConcurrentHashMap<>();
    /** Requests that carried a webhook-id (a delivery of the hub's). */
    final java.util.concurrent.atomic.LongAdder webhookRequests = new java.util.concurrent.atomic.LongAdder();
    /**
     * Whether arrival times are noted: not while deliveries per second are measured, where a map of a million ids
     * would charge the hub's side with the benchmark's own bookkeeping (the raw loop's requests have no id).
     */
    volatile boolean timing;
    /** Every webhook-id received while {@link #counting} (a cluster's deliveries: each must arrive once). */
    final java.util.Set<String> ids = ConcurrentHashMap.newKeySet();
    /** Requests whose webhook-id had arrived before, while {@link #counting}. */
    final java.util.concurrent.atomic.LongAdder duplicates = new java.util.concurrent.atomic.LongAdder();
    volatile boolean counting;
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    Sink() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(this);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/hook";
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long now = System.nanoTime();
        String id = request.getHeader("webhook-id");
        if (id != null) {
            webhookRequests.increment();
            if (timing) {
                firstArrivalNanos.putIfAbsent(id, now);
            }
            if (counting && !ids.add(id)) {
                duplicates.increment();
            }
        }
        byte[] buffer = new byte[4096];
        long n = 0;
        try (InputStream in = request.getInputStream()) {
            for (int r; (r = in.read(buffer)) > 0;) {
                n += r;
            }
        }
        bytes.addAndGet(n);
        requests.incrementAndGet();
        response.setStatus(204);
        base.setHandled(true);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
