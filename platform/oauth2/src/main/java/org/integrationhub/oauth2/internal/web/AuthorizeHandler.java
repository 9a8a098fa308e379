package org.integrationhub.oauth2.internal.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.integrationhub.oauth2.internal.AuthorizationException;
import org.integrationhub.oauth2.internal.AuthorizationRequest;
import org.integrationhub.oauth2.internal.AuthorizationService;
import org.integrationhub.oauth2.internal.AuthorizationValidator;
import org.integrationhub.oauth2.internal.OAuthError;
import org.integrationhub.oauth2.internal.Secrets;
import org.integrationhub.security.Scopes;

/**
 * The authorization endpoint: GET validates the request and shows the login page; POST {@code action=login}
 * checks the user's password and either redirects (consent remembered) or shows the consent page; POST
 * {@code action=consent} redirects with the code or {@code access_denied}. Both forms are CSRF-protected with a
 * double-submit cookie (SameSite=Strict, HttpOnly) and re-validate the whole authorization request.
 */
final class AuthorizeHandler {

    static final String CSRF_COOKIE = "hub_oauth_csrf";
    private static final List<String> FORM_FIELDS = List.of("action", "csrf", "username", "password", "ticket",
            "granted_scopes", "decision");

    private final AuthorizationValidator validator;
    private final AuthorizationService service;
    private final boolean secureCookies;
    private final int maxRequestBytes;

    AuthorizeHandler(AuthorizationValidator validator, AuthorizationService service, boolean secureCookies,
            int maxRequestBytes) {
        this.validator = validator;
        this.service = service;
        this.secureCookies = secureCookies;
        this.maxRequestBytes = maxRequestBytes;
    }

    void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, List<String>> raw;
        try {
            raw = FormParser.parse(request.getQueryString());
        } catch (OAuthError e) {
            Pages.error(response, 400, "The request is malformed.");
            return;
        }
        AuthorizationRequest authz;
        try {
            authz = validator.validate(raw);
        } catch (AuthorizationException e) {
            fail(request, response, e, 302);
            return;
        }
        Pages.login(response, authz.client().name(), authz.params(), csrf(request, response), null);
    }

    void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, List<String>> raw;
        try {
            raw = FormParser.body(request, maxRequestBytes);
        } catch (OAuthError | FormParser.TooLarge e) {
            Pages.error(response, e instanceof FormParser.TooLarge ? 413 : 400, "The form is malformed or too large.");
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : FORM_FIELDS) {
            List<String> v = raw.remove(f);
            form.put(f, v == null || v.size() != 1 ? null : v.get(0));
        }
        String cookie = cookie(request);
        if (cookie == null || !Secrets.constantTimeEquals(cookie, form.get("csrf"))) {
            Pages.error(response, 403, "The form has expired or did not come from this site. Start the sign-in again "
                    + "from the application.");
            return;
        }
        try {
            AuthorizationRequest authz = validator.validate(raw);
            if ("login".equals(form.get("action"))) {
                login(authz, form, cookie, response);
            } else if ("consent".equals(form.get("action"))) {
                consent(authz, form, response);
            } else {
                Pages.error(response, 400, "Unknown form action.");
            }
        } catch (AuthorizationException e) {
            fail(request, response, e, 303);
        }
    }

    private void login(AuthorizationRequest authz, Map<String, String> form, String csrf, HttpServletResponse response)
            throws IOException {
        String password = form.get("password");
        Optional<AuthorizationService.Login> login = service.login(authz, form.get("username"),
                password == null ? null : password.toCharArray());
        if (login.isEmpty()) {
            Pages.login(response, authz.client().name(), authz.params(), csrf, "Wrong user name or password.");
            return;
        }
        AuthorizationService.Login l = login.get();
        if (l.consented()) {
            redirect(response, 303, service.issueCode(l.user(), authz, l.scopes()));
        } else {
            Pages.consent(response, authz.client().name(), l.user(), l.scopes(), authz.params(), csrf, l.ticket());
        }
    }

    private void consent(AuthorizationRequest authz, Map<String, String> form, HttpServletResponse response)
            throws IOException {
        Set<String> scopes = Scopes.parse(form.get("granted_scopes"));
        Optional<String> user = service.verifyTicket(form.get("ticket"), authz, scopes);
        if (user.isEmpty()) {
            Pages.error(response, 400, "The sign-in has expired. Start again from the application.");
            return;
        }
        if ("allow".equals(form.get("decision"))) {
            redirect(response, 303, service.consent(user.get(), authz, scopes));
        } else {
            throw AuthorizationException.redirect("access_denied", "the user denied the request", authz.redirectUri(),
                    authz.state());
        }
    }

    private void fail(HttpServletRequest request, HttpServletResponse response, AuthorizationException e, int status)
            throws IOException {
        if (e.redirectUri() != null) {
            redirect(response, status, service.errorRedirect(e));
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            Pages.error(response, 400, e.getMessage());
        } else {
            Http.problem(response, 400, "Invalid authorization request", e.getMessage());
        }
    }

    private static void redirect(HttpServletResponse response, int status, String location) {
        response.setStatus(status);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(0);
    }

    private String csrf(HttpServletRequest request, HttpServletResponse response) {
        String value = cookie(request);
        if (value == null || value.length() != 43) {
            value = Secrets.newToken();
            response.addHeader("Set-Cookie", CSRF_COOKIE + "=" + value + "; Path=/oauth2; HttpOnly; SameSite=Strict"
                    + (secureCookies ? "; Secure" : ""));
        }
        return value;
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (CSRF_COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
