package org.integrationhub.oauth2.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.http.HttpServletResponse;

import org.integrationhub.oauth2.internal.OAuthError;
import org.integrationhub.rest.json.Problem;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Writing JSON, OAuth error and problem+json responses. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REALM = "integration-hub";

    private Http() {
    }

    /** Writes a JSON body that must not be cached (token, introspection and error responses). */
    static void noStoreJson(HttpServletResponse response, int status, Object body) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        json(response, status, "application/json;charset=UTF-8", body);
    }

    static void json(HttpServletResponse response, int status, String contentType, Object body) throws IOException {
        byte[] bytes = body instanceof String ? ((String) body).getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Writes an RFC 6749 §5.2 error; 401 invalid_client carries WWW-Authenticate. */
    static void oauthError(HttpServletResponse response, OAuthError e) throws IOException {
        if (e.status() == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("error_description", e.description());
        noStoreJson(response, e.status(), body);
    }

    /** Writes an RFC 9457 {@code about:blank} problem, built by the hub's one builder ({@link Problem}). */
    static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        byte[] body = Problem.bytes(Problem.body(status, null, title, detail, null));
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
