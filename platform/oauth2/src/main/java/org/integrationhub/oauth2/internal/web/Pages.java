package org.integrationhub.oauth2.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import javax.servlet.http.HttpServletResponse;

/** The server-rendered login, consent and error pages of the authorization endpoint (no scripts, no framing). */
final class Pages {

    static final Map<String, String> SCOPE_TEXT = Map.of(
            "tickets:read", "read tickets, comments and ratings",
            "tickets:write", "create and change tickets, comment and rate them",
            "webhooks:manage", "manage webhook endpoints and their deliveries",
            "integrations:read", "see the integrations and their status",
            "integrations:execute", "run integration actions",
            "customers:read", "read customers and what connectors know about them",
            "customers:write", "create and change customers",
            "metrics:read", "read the hub's metrics",
            "admin", "do everything an administrator can");

    private Pages() {
    }

    static void login(HttpServletResponse response, String clientName, Map<String, String> params, String csrf,
            String error) throws IOException {
        StringBuilder b = head("Sign in");
        b.append("<h1>Sign in to Integration Hub</h1><p><strong>").append(esc(clientName))
                .append("</strong> wants to access the hub on your behalf.</p>");
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"authorize\">");
        hidden(b, params);
        hidden(b, "csrf", csrf);
        hidden(b, "action", "login");
        b.append("<label>User name <input name=\"username\" autocomplete=\"username\" required autofocus></label>")
                .append("<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>")
                .append("<button type=\"submit\">Sign in</button></form>");
        send(response, 200, b);
    }

    static void consent(HttpServletResponse response, String clientName, String user, Set<String> scopes,
            Map<String, String> params, String csrf, String ticket) throws IOException {
        StringBuilder b = head("Allow access");
        b.append("<h1>Allow access?</h1><p>Signed in as <strong>").append(esc(user)).append("</strong>.</p><p><strong>")
                .append(esc(clientName)).append("</strong> asks to:</p><ul>");
        for (String s : scopes) {
            b.append("<li><code>").append(esc(s)).append("</code> — ").append(esc(SCOPE_TEXT.getOrDefault(s, s)))
                    .append("</li>");
        }
        b.append("</ul><form method=\"post\" action=\"authorize\">");
        hidden(b, params);
        hidden(b, "csrf", csrf);
        hidden(b, "action", "consent");
        hidden(b, "ticket", ticket);
        hidden(b, "granted_scopes", String.join(" ", scopes));
        b.append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> ")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>");
        send(response, 200, b);
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        StringBuilder b = head("Authorization error");
        b.append("<h1>This authorization request cannot be processed</h1><p class=\"error\">").append(esc(message))
                .append("</p><p>Return to the application and try again, or contact its developer.</p>");
        send(response, status, b);
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(2048).append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(title)).append(" · Integration Hub</title><style>body{font-family:sans-serif;max-width:28em;")
                .append("margin:3em auto;padding:0 1em}label{display:block;margin:.8em 0}input{display:block;width:100%;")
                .append("padding:.4em}button{margin-top:1em;padding:.5em 1.2em}.error{color:#b00020}</style></head><body>");
    }

    private static void hidden(StringBuilder b, Map<String, String> params) {
        params.forEach((k, v) -> hidden(b, k, v));
    }

    private static void hidden(StringBuilder b, String name, String value) {
        b.append("<input type=\"hidden\" name=\"").append(esc(name)).append("\" value=\"").append(esc(value)).append("\">");
    }

    private static void send(HttpServletResponse response, int status, StringBuilder body) throws IOException {
        byte[] bytes = body.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
