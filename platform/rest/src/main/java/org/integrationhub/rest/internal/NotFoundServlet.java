package org.integrationhub.rest.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.integrationhub.rest.json.Problem;
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
    private static final byte[] BODY = Problem.bytes(404, "No resource at this path");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HubApiServlet.problem(response, 404, BODY);
    }
}
