package org.integrationhub.rest.internal;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import org.integrationhub.rest.json.Problem;
import org.integrationhub.rest.json.ProblemException;

/**
 * Enforces the body size limit: a declared Content-Length over the limit is refused with 413 before anything is
 * read; any other body (chunked) is counted while it is read and refused with 413 once it passes the limit.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class RequestSizeFilter implements ContainerRequestFilter {

    private final long maxBytes;

    RequestSizeFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && !declared.isBlank()) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                request.abortWith(Problem.status(400, "Invalid Content-Length header").build());
                return;
            }
            if (length > maxBytes) {
                ProblemException p = ProblemException.payloadTooLarge(maxBytes);
                request.abortWith(Problem.response(Problem.body(413, p.type(), p.title(), p.getMessage(), null))
                        .build());
                return;
            }
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBytes));
        }
    }
}
