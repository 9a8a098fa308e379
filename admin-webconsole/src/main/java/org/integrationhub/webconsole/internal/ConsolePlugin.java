package org.integrationhub.webconsole.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.integrationhub.api.HubException;
import org.integrationhub.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web console page as a plain servlet. The console (registered with {@code felix.webconsole.label}) wraps GET
 * responses in its frame and hands POSTs to the servlet as they are: GET renders the page, POST checks the CSRF
 * token, runs one action through the platform service and redirects back (303) with a result the next GET shows. An
 * action that makes a secret (a new API key, client secret or webhook secret) answers instead with a page of its own
 * that shows it once, marked {@code Cache-Control: no-store}; it is never stored and never shown again. A failed form
 * action redirects to the form again, prefilled (never with a secret), with the error above it.
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
        if (error != null && request.getParameter("form") == null) {
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
            if (r.once() != null) {
                writeOnce(request, response, r);
                return;
            }
            query.put("result", r.key());
            query.put("subject", r.subject());
            query.putAll(r.view());
        } catch (HubException | IllegalArgumentException | IllegalStateException e) {
            logger.debug("Web console action {} failed", action, e);
            query.put("error", e instanceof ValidationException v ? InstanceForm.describe(v) : String.valueOf(e.getMessage()));
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

    /**
     * Answers a POST with the page that shows a new secret once: a document of its own (the console frames only GET
     * answers) styled like the console, never cached, never referred.
     */
    private void writeOnce(HttpServletRequest request, HttpServletResponse response, Result r) throws IOException {
        Messages messages = Messages.forLocale(request.getLocale());
        String root = pluginRoot(request);
        Page page = new Page(messages, root, csrf.token(user(request)));
        page.notice("info", messages.get(r.key(), r.subject()));
        r.once().accept(page);
        page.linkLine(page.link(messages.get("once.back"), r.view()));
        String app = request.getContextPath() + request.getServletPath();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.getWriter().write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"robots\" "
                + "content=\"noindex\"><link rel=\"icon\" href=\"data:,\">\n<title>"
                + Html.escape(messages.get("once.title")) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + Html.escape(app) + "/res/lib/themes/smoothness/jquery-ui.css\">\n"
                + "<link rel=\"stylesheet\" href=\"" + Html.escape(app) + "/res/ui/webconsole.css\">\n"
                + "<link rel=\"stylesheet\" href=\"" + Html.escape(root) + "/res/hub.css\">\n</head>\n"
                + "<body class=\"ui-widget\"><div id=\"main\"><div id=\"content\"><div class=\"hub-page hub-once-page\">\n"
                + "<h2 class=\"hub-heading\">" + Html.escape(messages.get("once.title")) + "</h2>\n" + page.html()
                + "</div></div></div></body></html>\n");
    }

    /**
     * @return the values of a multi-valued parameter (checkboxes), each also split at whitespace (a redirect back to
     *         a form carries them space-separated), in order, without duplicates
     */
    static Set<String> values(HttpServletRequest request, String name) {
        Set<String> all = new LinkedHashSet<>();
        String[] values = request.getParameterValues(name);
        if (values != null) {
            for (String v : values) {
                for (String part : v.trim().split("\\s+")) {
                    if (!part.isEmpty()) {
                        all.add(part);
                    }
                }
            }
        }
        return all;
    }

    /** @return the error of a failed form action when the page shows that form again; null otherwise */
    static String formError(HttpServletRequest request, String form) {
        return form.equals(request.getParameter("form")) ? request.getParameter("error") : null;
    }

    /** @return a request parameter, or the empty string */
    static String prefill(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v;
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
     * @param once renders what is shown only once on the action's own answer (the new secret); null to redirect
     */
    record Result(String key, String subject, Map<String, String> view, Consumer<Page> once) {
        Result(String key, String subject) {
            this(key, subject, Map.of(), null);
        }

        Result(String key, String subject, Map<String, String> view) {
            this(key, subject, view, null);
        }
    }
}
