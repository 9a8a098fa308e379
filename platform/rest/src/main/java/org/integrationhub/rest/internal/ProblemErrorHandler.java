package org.integrationhub.rest.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ByteBufferOutputStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.integrationhub.rest.json.Problem;

/**
 * Jetty's server-wide error handler, answering in problem+json what Jetty answers itself before (or outside) any
 * servlet: a request it cannot parse (bad request line, {@code %00} or a {@code /../} escaping the root, bad
 * percent-encoding, URI or headers too long, missing Host) and errors raised outside every servlet context. Jetty's
 * default writes an HTML "Bad Message" page. The detail never echoes the request; Jetty's reason is kept only when
 * it is one of its own short phrases.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final int MAX_REASON = 120;

    ProblemErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
        setCacheControl("no-store");
    }

    /** Every method gets a body, not only GET, POST and HEAD as in Jetty's default. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** A request Jetty could not parse: the connection answers without any handler or servlet. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return BufferUtil.toBuffer(body(status, reason));
    }

    /** An error dispatched to the server's handler (no servlet context took the request). */
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        ByteBuffer buffer = baseRequest.getResponse().getHttpOutput().getBuffer();
        if (buffer == null) {
            return; // as Jetty's own handler: no output buffer, no body
        }
        response.setContentType(Problem.MEDIA_TYPE);
        try (ByteBufferOutputStream out = new ByteBufferOutputStream(buffer)) {
            out.write(body(code, code >= 500 ? null : message));
        }
        baseRequest.getHttpChannel().sendResponseAndComplete();
    }

    /** @return the problem document for a status and Jetty's reason (used as detail only when it is plain text) */
    static byte[] body(int status, String reason) {
        String detail = plain(reason) && !reason.equalsIgnoreCase(Problem.reasonPhrase(status))
                ? "The request could not be processed: " + reason
                : defaultDetail(status);
        return Problem.bytes(status, detail);
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (request line, path, percent-encoding or headers)";
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this resource";
            case 413 -> "The request body is too large";
            case 414 -> "The request URI is too long";
            case 431 -> "The request headers are too large";
            case 505 -> "Only HTTP/1.0 and HTTP/1.1 are supported";
            default -> status >= 500 ? "The request failed unexpectedly; the hub's log has the details"
                    : "The request could not be processed";
        };
    }

    /** Jetty's reasons are short ASCII phrases ("No Host", "Ambiguous URI path separator"); anything else is dropped. */
    private static boolean plain(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            return false;
        }
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || " -_.,:()"
                    .indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
