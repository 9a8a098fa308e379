package org.integrationhub.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * Connectors call the context's HTTP client synchronously from the shared scheduler's threads (event deliveries,
 * health checks). The client must not depend on those threads to complete its own exchanges: with the scheduler as
 * its executor, as many concurrent calls as the pool has threads deadlocked the whole hub (seen in the distribution:
 * four blocked deliveries on the default four-thread scheduler, nothing else ran, not even the time limiter).
 */
class IntegrationContextHttpClientTest {

    private HttpServer remote;
    private ScheduledThreadPoolExecutor scheduler;

    @BeforeEach
    void start() throws Exception {
        remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        remote.start();
        scheduler = new ScheduledThreadPoolExecutor(1);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        remote.stop(0);
    }

    @Test
    void aBlockingSendOnEveryThreadOfTheSharedSchedulerCompletes() throws Exception {
        IntegrationContextImpl context = new IntegrationContextImpl(null, null, scheduler, (name, status) -> { },
                null, name -> null);
        URI uri = URI.create("http://127.0.0.1:" + remote.getAddress().getPort() + "/hook");
        // the pool's only thread blocks in send(), as a connector's onEvent does during a delivery
        Future<Integer> status = scheduler.submit(() -> context.httpClient().send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
    }
}
