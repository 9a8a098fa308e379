package org.integrationhub.rest.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.json.HubJson;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The one builder of RFC 9457 {@code application/problem+json} answers of the hub's HTTP API:
 * {@code {type, title, status, detail[, errors]}}, as a JAX-RS response for resources and filters, or as bytes for
 * servlets and the HTTP server. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Problem {

    /** The media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    /** The type of problems fully described by their HTTP status. */
    public static final String ABOUT_BLANK = "about:blank";
    /** Prefix of the hub's own problem types. */
    public static final String TYPE_PREFIX = "urn:integration-hub:problem:";

    private Problem() {
    }

    /**
     * @param status the HTTP status
     * @param type a {@link #TYPE_PREFIX} slug, or null for {@link #ABOUT_BLANK}
     * @param title a short summary (the reason phrase for about:blank)
     * @param detail an explanation of this occurrence; never an exception message of unknown origin
     * @param errors field errors, or null
     * @return the body as an ordered map
     */
    public static Map<String, Object> body(int status, String type, String title, String detail,
            List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type == null ? ABOUT_BLANK : TYPE_PREFIX + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        return body;
    }

    /** @return a problem response of that status with {@code about:blank} and the status's reason phrase */
    public static Response.ResponseBuilder status(int status, String detail) {
        return response(body(status, null, reasonPhrase(status), detail, null));
    }

    /** @return a response carrying {@code body} as problem+json with the body's status */
    public static Response.ResponseBuilder response(Map<String, Object> body) {
        return Response.status((Integer) body.get("status")).type(PROBLEM_JSON).entity(body);
    }

    public static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }

    /**
     * @param body a problem body from {@link #body}
     * @return it as UTF-8 JSON, for a servlet or the HTTP server to write with {@link #MEDIA_TYPE}
     */
    public static byte[] bytes(Map<String, Object> body) {
        try {
            return HubJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body is plain data", e);
        }
    }

    /** @return the bytes of an {@code about:blank} problem of that status and detail */
    public static byte[] bytes(int status, String detail) {
        return bytes(body(status, null, reasonPhrase(status), detail, null));
    }
}
