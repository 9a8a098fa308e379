package org.integrationhub.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * The whiteboard's default servlet ({@code /}): whatever no other servlet serves gets a problem+json 404 instead
 * of Jetty's HTML error page.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=integration-hub-not-found"})
public class NotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] BODY = ("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"No resource at this path\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(404);
        response.setContentType("application/problem+json");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
