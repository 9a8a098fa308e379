package org.integrationhub.metrics.internal;

import java.io.IOException;

import javax.servlet.http.HttpServletResponse;

import org.integrationhub.rest.json.Problem;

/**
 * Writes RFC 9457 {@code application/problem+json} errors with the hub's one problem builder ({@link Problem}), as
 * the rest of the hub does. Stateless.
 */
final class Problems {

    static final String MEDIA_TYPE = Problem.MEDIA_TYPE;

    private Problems() {
    }

    /**
     * @param detail a fixed explanation written by the hub (never user input of unknown shape)
     * @param wwwAuthenticate the challenge header, or null for none
     */
    static void write(HttpServletResponse response, int status, String detail, String wwwAuthenticate)
            throws IOException {
        byte[] body = Problem.bytes(status, detail);
        response.setStatus(status);
        if (wwwAuthenticate != null) {
            response.setHeader("WWW-Authenticate", wwwAuthenticate);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
