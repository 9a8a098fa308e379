package org.integrationhub.benchmarks.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.util.BytesContentProvider;
import org.eclipse.jetty.http.HttpMethod;

/**
 * The baseline: the same Jetty HttpClient settings as the hub's webhook sender, POSTing the same 1 KB body to the same
 * receiver with the same in-flight bound and the same content provider, and nothing else (no database, no signing).
 */
final class RawLoop {

    private RawLoop() {
    }

    /** @return completed 2xx POSTs per second over {@code seconds} */
    static double run(String url, String body, int inFlight, int connections, int seconds) throws Exception {
        return run(url, body, inFlight, connections, seconds, null);
    }

    /**
     * @param cpu where the CPU cost per POST is written (before the client's threads end), or null
     * @return completed 2xx POSTs per second over {@code seconds}
     */
    static double run(String url, String body, int inFlight, int connections, int seconds, StringBuilder cpu)
            throws Exception {
        HttpClient client = new HttpClient();
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(connections);
        client.setMaxRequestsQueuedPerDestination(100_000);
        client.start();
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8); // once: as the hub's sender, which signs them too
            Semaphore window = new Semaphore(inFlight);
            AtomicLong ok = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            CpuMeter meter = CpuMeter.start();
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                window.acquire();
                client.newRequest(url).method(HttpMethod.POST).timeout(30, TimeUnit.SECONDS)
                        .content(new BytesContentProvider("application/json", bytes))
                        .send(result -> {
                            if (result.isSucceeded() && result.getResponse().getStatus() / 100 == 2) {
                                ok.incrementAndGet();
                            }
                            window.release();
                        });
            }
            window.acquire(inFlight);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (cpu != null) {
                cpu.append(meter.perItem(Math.max(1, ok.get())));
            }
            return ok.get() / elapsed;
        } finally {
            client.stop();
        }
    }
}
