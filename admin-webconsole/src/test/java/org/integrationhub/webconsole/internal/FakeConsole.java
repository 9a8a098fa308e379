package org.integrationhub.webconsole.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * A loopback Jetty standing in for the Felix console: {@code /system/console/<label>} is handed to the plugin with
 * servlet path {@code /system/console}, as the console's OsgiManager does (without its frame).
 */
final class FakeConsole implements AutoCloseable {

    private static final Pattern TOKEN = Pattern.compile("name=\"hub_csrf\" value=\"([^\"]+)\"");
    private final Server server = new Server();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final String base;

    FakeConsole(Map<String, ConsolePlugin> plugins) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                String label = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1).split("/")[0];
                ConsolePlugin plugin = plugins.get(label);
                if (plugin == null) {
                    resp.sendError(404);
                    return;
                }
                try {
                    plugin.service(req, resp);
                } catch (javax.servlet.ServletException e) {
                    throw new IOException(e);
                }
            }
        }), "/system/console/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/system/console/";
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String label, Map<String, String> form, String origin) throws Exception {
        String body = form.entrySet().stream().map(e -> Urls.encode(e.getKey()) + "=" + Urls.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + label))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form body as written (repeated names for checkboxes). */
    HttpResponse<String> postForm(String label, String body, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + label))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the CSRF token of the first form on the page */
    static String token(String html) {
        Matcher m = TOKEN.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token on the page");
        }
        return m.group(1);
    }

    /** Follows a 303 answer of a POST. */
    HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return client.send(HttpRequest.newBuilder(URI.create(base).resolve(location)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
