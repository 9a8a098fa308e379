package org.integrationhub.rest.internal;

import java.util.Locale;
import java.util.Set;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import org.integrationhub.rest.json.Problem;

/**
 * Refuses with 415 a request body that does not say it is JSON: every {@code POST}, {@code PUT} or {@code PATCH}
 * of {@code /api/v1} with a body must send {@code Content-Type: application/json} or an {@code application/*+json}
 * type (such as {@code application/merge-patch+json}). Without this check a body of any or no type was read as
 * JSON. Bodiless calls (redeliver, rotate-secret) need no type. Runs after authentication and the scope check, so
 * an anonymous caller learns nothing from it.
 */
@Priority(Priorities.HEADER_DECORATOR)
final class JsonContentTypeFilter implements ContainerRequestFilter {

    /** The problem type of a 415, here and when Jersey finds no method consuming the type. */
    static final String TYPE = "unsupported-media-type";
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!METHODS_WITH_BODY.contains(request.getMethod()) || !hasBody(request)) {
            return;
        }
        String declared = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (!isJson(declared)) {
            request.abortWith(Problem.response(Problem.body(415, TYPE, Problem.reasonPhrase(415),
                    declared == null || declared.isBlank()
                            ? "The request has a body but no Content-Type; send Content-Type: application/json"
                            : "The request body must be JSON; send Content-Type: application/json",
                    null)).build());
        }
    }

    /** @return whether the content type is application/json or application/*+json (parameters such as charset allowed) */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return "application".equalsIgnoreCase(type.getType()) && ("json".equalsIgnoreCase(type.getSubtype())
                || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && !length.isBlank()) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return true; // RequestSizeFilter refuses it first; treat as a body here
            }
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }
}
