package org.integrationhub.webconsole.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.integrationhub.api.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web console page as a plain servlet. The console (registered with {@code felix.webconsole.label}) wraps GET
 * responses in its frame and hands POSTs to the servlet as they are: GET renders the page, POST checks the CSRF
 * token, runs one action through the platform service and redirects back (303) with a result the next GET shows.
 * Static files are served by the console from {@code /<label>/res/} through {@link #getResource(String)}.
 */
abstract class ConsolePlugin extends HttpServlet {

    static final String CATEGORY = "Integration Hub";
    private static final long serialVersionUID = 1L;
    private static final String REMOTE_USER = "org.osgi.service.http.authentication.remote.user";

    private final transient Logger logger = LoggerFactory.getLogger(getClass());
    private final transient Csrf csrf = new Csrf();
    private final String label;

    ConsolePlugin(String label) {
        this.label = label;
    }

    /** Renders the page content (the console adds header, menu and footer). */
    abstract void render(Page page, HttpServletRequest request);

    /**
     * Runs one action.
     *
     * @return the result to show: a message key of bundle.properties and the subject it is about
     * @throws IllegalArgumentException for an unknown action or a missing parameter
     */
    abstract Result act(String action, HttpServletRequest request);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Messages messages = Messages.forLocale(request.getLocale());
        Page page = new Page(messages, pluginRoot(request), csrf.token(user(request)));
        String result = request.getParameter("result");
        if (result != null && result.startsWith("result.") && messages.has(result)) {
            page.notice("info", messages.get(result, Html.orDash(request.getParameter("subject"))));
        }
        String error = request.getParameter("error");
        if (error != null) {
            page.notice("error", messages.get("result.failed", error));
        }
        render(page, request);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<div class=\"hub-page\">\n" + page.html() + "</div>\n");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!csrf.valid(user(request), request.getParameter(Csrf.FIELD)) || !sameOrigin(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN,
                    Messages.forLocale(request.getLocale()).get("csrf.refused"));
            return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        String action = String.valueOf(request.getParameter("action"));
        try {
            Result r = act(action, request);
            query.put("result", r.key());
            query.put("subject", r.subject());
            query.putAll(r.view());
        } catch (HubException | IllegalArgumentException | IllegalStateException e) {
            logger.debug("Web console action {} failed", action, e);
            query.put("error", String.valueOf(e.getMessage()));
            query.putAll(errorView(action, request));
        }
        StringBuilder target = new StringBuilder(pluginRoot(request));
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            target.append(sep).append(Urls.encode(e.getKey())).append('=').append(Urls.encode(e.getValue()));
            sep = '&';
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", target.toString());
    }

    /** @return query parameters of the page shown after a failed action (e.g. the form it came from); none by default */
    Map<String, String> errorView(String action, HttpServletRequest request) {
        return Map.of();
    }

    /** Serves {@code /<label>/res/*} from the bundle's {@code res/} folder (called by the console by reflection). */
    public URL getResource(String path) {
        String prefix = "/" + label + "/res/";
        if (path == null || !path.startsWith(prefix) || path.contains("..")) {
            return null;
        }
        return ConsolePlugin.class.getResource("/res/" + path.substring(prefix.length()));
    }

    /** @return the page's own URL path: the console's root plus the label */
    String pluginRoot(HttpServletRequest request) {
        return request.getContextPath() + request.getServletPath() + "/" + label;
    }

    /** @return a required request parameter */
    static String param(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing parameter " + name);
        }
        return v;
    }

    static String user(HttpServletRequest request) {
        String user = request.getRemoteUser();
        if (user == null && request.getAttribute(REMOTE_USER) != null) {
            user = String.valueOf(request.getAttribute(REMOTE_USER));
        }
        return user == null ? "" : user;
    }

    /** A browser's Origin header, when sent, must name this host (a second check after the token). */
    static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        try {
            URI o = URI.create(origin);
            String host = request.getHeader("Host");
            return host != null && (o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort())).equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * What an action did.
     *
     * @param key message key of bundle.properties ({@code result.*}), formatted with the subject
     * @param subject what it was about (an id)
     * @param view extra query parameters for the page shown next (e.g. the endpoint being looked at)
     */
    record Result(String key, String subject, Map<String, String> view) {
        Result(String key, String subject) {
            this(key, subject, Map.of());
        }
    }
}
