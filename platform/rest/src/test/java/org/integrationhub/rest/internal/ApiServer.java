package org.integrationhub.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.integrationhub.core.internal.CustomerServiceImpl;
import org.integrationhub.core.internal.TicketServiceImpl;
import org.integrationhub.json.HubJson;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.testing.TestDatabases;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.security.RateLimitService;
import org.integrationhub.rest.spi.TokenAuthenticator;
import org.integrationhub.security.internal.ApiKeyServiceImpl;
import org.integrationhub.security.internal.RateLimitServiceImpl;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The real REST application (HubApiApplication) on a loopback JDK HTTP server under /api, backed by the real
 * TicketServiceImpl, CustomerServiceImpl, ApiKeyServiceImpl and RateLimitServiceImpl over a fresh H2 database, plus
 * an HTTP client.
 */
final class ApiServer implements AutoCloseable {

    static final long MAX_REQUEST_BYTES = 1_048_576L;

    final Database database;
    final TicketServiceImpl tickets;
    final CustomerServiceImpl customers;
    final ApiKeyService apiKeys;
    final RateLimitService rateLimits;
    final URI base;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiServer() {
        this.database = new DatabaseImpl(TestDatabases.h2());
        this.tickets = new TicketServiceImpl(database, ConfigLiterals.defaults(TicketServiceImpl.Config.class));
        this.apiKeys = new ApiKeyServiceImpl(database, ConfigLiterals.defaults(ApiKeyServiceImpl.Config.class));
        this.customers = new CustomerServiceImpl(database);
        this.rateLimits = new RateLimitServiceImpl(
                ConfigLiterals.defaults(RateLimitServiceImpl.Config.class).requestsPerMinute(), Duration.ofMinutes(1),
                System::nanoTime);
        ResourceConfig app = HubApiApplication.create(tickets, customers, database,
                java.util.List.<TokenAuthenticator>of(apiKeys::authenticate), rateLimits, MAX_REQUEST_BYTES,
                java.util.List.of());
        this.server = start(app);
        this.base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    /** Serves any application, e.g. one over a broken database. */
    ApiServer(ResourceConfig app) {
        this.database = null;
        this.tickets = null;
        this.customers = null;
        this.apiKeys = null;
        this.rateLimits = null;
        this.server = start(app);
        this.base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    private HttpServer start(ResourceConfig app) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/api", ContainerFactory.createContainer(JdkHttpHandlerContainer.class, app));
            s.setExecutor(executor);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a new API key with these scopes (default rate limit) */
    String key(String... scopes) {
        return apiKeys.create("test", Set.of(scopes), null).key();
    }

    String key(Integer rateLimit, String... scopes) {
        return apiKeys.create("test", Set.of(scopes), rateLimit).key();
    }

    HttpResponse<String> send(String method, String path, String key, BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? BodyPublishers.noBody() : body);
        if (key != null) {
            b.header("X-API-Key", key);
        }
        if (body != null && !headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        try {
            return client.send(b.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String key) {
        return send("GET", path, key, null, Map.of());
    }

    HttpResponse<String> post(String path, String key, String json) {
        return send("POST", path, key, BodyPublishers.ofString(json), Map.of());
    }

    HttpResponse<String> patch(String path, String key, String json) {
        return send("PATCH", path, key, BodyPublishers.ofString(json), Map.of());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return HubJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
