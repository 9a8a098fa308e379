package org.integrationhub.benchmarks.baseline;

import javax.servlet.Servlet;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.service.component.annotations.Component;

/** Benchmark baseline: Jersey on the same HTTP whiteboard, one resource, a constant JSON body, no auth, no database. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/bench/*",
        "osgi.http.whiteboard.servlet.name=hub-bench-baseline"})
public class BaselineServlet extends ServletContainer {

    private static final long serialVersionUID = 1L;

    /** The constant resource. */
    @Path("/constant")
    public static class ConstantResource {
        private static final String BODY = "{\"id\":\"01J0000000000000000000000A\",\"subject\":\"constant\",\"status\":\"open\"}";

        @GET
        @Produces("application/json; charset=utf-8")
        public String get() {
            return BODY;
        }
    }

    public BaselineServlet() {
        super(new ResourceConfig().register(new ConstantResource()));
    }
}
