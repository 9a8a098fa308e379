package org.integrationhub.oauth2.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.integrationhub.oauth2.internal.web.MetadataServlet;
import org.integrationhub.oauth2.internal.web.OAuth2Servlet;
import org.integrationhub.persistence.Database;
import org.integrationhub.persistence.internal.DatabaseImpl;
import org.integrationhub.persistence.testing.MutableClock;
import org.integrationhub.persistence.testing.TestDatabases;

/**
 * The authorization server's servlets on a loopback Jetty 9.4 (the Jetty of Karaf 4.4), over a fresh H2 or
 * PostgreSQL database, with users from a real JAAS login module ({@link TestLoginModule}).
 */
final class TestServer implements AutoCloseable {

    final Database database;
    final AuthorizationServer server;
    final MutableClock clock;
    final URI issuer;
    private final Server jetty;

    TestServer(TestDatabases.Kind kind) throws Exception {
        this(kind, new MutableClock(Instant.now()), "");
    }

    TestServer(TestDatabases.Kind kind, MutableClock clock, String keySecret) throws Exception {
        this.clock = clock;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        issuer = URI.create("http://127.0.0.1:" + port);
        database = new DatabaseImpl(TestDatabases.create(kind));
        OAuth2Settings settings = new OAuth2Settings(issuer.toString(), null, Duration.ofMinutes(10),
                Duration.ofDays(30), Duration.ofSeconds(60), 16_384, keySecret, "admin", TestLoginModule.REALM);
        server = new AuthorizationServer(database, settings,
                new JaasUserAuthenticator(TestLoginModule.REALM, TestLoginModule.configuration()), clock).start();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new OAuth2Servlet(server)), "/oauth2/*");
        context.addServlet(new ServletHolder(new MetadataServlet(settings)), OAuth2Settings.METADATA_PATH);
        jetty.setHandler(context);
        jetty.start();
    }

    URI uri(String path) {
        return issuer.resolve(path);
    }

    ClientRegistry.Created confidential(String... grants) {
        return server.clients().create("Confidential app", Set.of(grants), List.of("https://app.example.com/callback",
                "http://127.0.0.1/native"), Set.of("tickets:read", "tickets:write", "admin"), false);
    }

    ClientRegistry.Created publicClient() {
        return server.clients().create("Native app", Set.of("authorization_code", "refresh_token"),
                List.of("http://127.0.0.1/cb"), Set.of("tickets:read"), true);
    }

    @Override
    public void close() throws IOException {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
