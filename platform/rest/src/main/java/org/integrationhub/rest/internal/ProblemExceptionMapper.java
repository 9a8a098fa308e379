package org.integrationhub.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.ws.rs.ProcessingException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.HubException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.rest.json.JsonRequest;
import org.integrationhub.rest.json.Problem;
import org.integrationhub.rest.json.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every exception to problem+json, in one place: hub exceptions by their meaning, JAX-RS exceptions by their
 * status, Jackson exceptions to 400, anything else to 500 with an error id that is logged with the exception.
 */
final class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

    private static final int MAX_DETAIL = 300;
    private final Logger logger = LoggerFactory.getLogger(ProblemExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        Throwable e = unwrap(exception);
        if (e instanceof ProblemException p) {
            return Problem.response(Problem.body(p.status(), p.type(), p.title(), p.getMessage(), p.errors())).build();
        }
        if (e instanceof ValidationException v) {
            return Problem.response(Problem.body(422, "validation", "Validation failed",
                    "The request has invalid fields; see errors", v.errors())).build();
        }
        if (e instanceof NotFoundException) {
            return Problem.status(404, e.getMessage()).build();
        }
        if (e instanceof ConflictException) {
            return Problem.status(409, e.getMessage()).build();
        }
        if (e instanceof HubException) {
            return Problem.status(400, e.getMessage()).build();
        }
        if (e instanceof StreamConstraintsException) {
            return malformed("The JSON document exceeds a structural limit (nesting depth, number or string length)");
        }
        if (e instanceof StreamReadException r) {
            return malformed(describe(r));
        }
        if (e instanceof JsonMappingException m) {
            String path = JsonPaths.of(m.getPath());
            return Problem.response(Problem.body(400, "invalid-request", "Invalid request",
                    "The request body does not have the expected shape",
                    List.of(new FieldError(path, mappingProblem(m))))).build();
        }
        if (e instanceof JsonProcessingException j) {
            return malformed(describe(j));
        }
        if (e instanceof WebApplicationException w) {
            return fromWebApplicationException(w);
        }
        if (e instanceof IOException) {
            return Problem.status(400, "The request body could not be read").build();
        }
        String errorId = UUID.randomUUID().toString();
        logger.error("Unexpected error {} while serving a REST request", errorId, exception);
        Map<String, Object> body = Problem.body(500, null, Problem.reasonPhrase(500),
                "An unexpected error occurred; report error id " + errorId + " to the operator", null);
        body.put("error_id", errorId);
        return Problem.response(body).build();
    }

    private static Response fromWebApplicationException(WebApplicationException w) {
        Response original = w.getResponse();
        int status = original == null ? 500 : original.getStatus();
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "The requested media type cannot be produced; ask for application/json";
            case 415 -> "Unsupported media type; send application/json";
            case 413 -> "The request body is too large";
            default -> "The request could not be processed";
        };
        Response.ResponseBuilder builder = status == 415 ? Problem.response(Problem.body(415,
                JsonContentTypeFilter.TYPE, Problem.reasonPhrase(415), detail, null)) : Problem.status(status, detail);
        if (original != null) {
            // Keep protocol headers such as Allow (405) and Retry-After, never the original entity.
            for (String header : List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE)) {
                Object value = original.getHeaders().getFirst(header);
                if (value != null) {
                    builder.header(header, value);
                }
            }
        }
        return builder.build();
    }

    private static String mappingProblem(JsonMappingException m) {
        if (m instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (m instanceof InvalidFormatException) {
            return "invalid value";
        }
        if (m instanceof MismatchedInputException) {
            return "wrong JSON type";
        }
        return "invalid";
    }

    private static Response malformed(String detail) {
        return Problem.response(Problem.body(400, "malformed-json", "Malformed JSON", detail, null)).build();
    }

    private static String describe(JsonProcessingException e) {
        String message = truncate(e.getOriginalMessage());
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return message + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }

    static String truncate(String message) {
        if (message == null) {
            return "invalid";
        }
        String firstLine = message.lines().findFirst().orElse("");
        return firstLine.length() > MAX_DETAIL ? firstLine.substring(0, MAX_DETAIL) + "..." : firstLine;
    }

    /** Unwraps Jersey's ProcessingException (and similar wrappers) around a cause we know how to map. */
    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        for (int i = 0; i < 5 && (current instanceof ProcessingException || current instanceof JsonRequest.JsonBodyException
                || current instanceof UncheckedIOException) && current.getCause() != null; i++) {
            current = current.getCause();
        }
        return current;
    }
}
