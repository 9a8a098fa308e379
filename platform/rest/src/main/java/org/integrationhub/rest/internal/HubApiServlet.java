package org.integrationhub.rest.internal;

import javax.servlet.Servlet;

import org.glassfish.jersey.servlet.ServletContainer;
import org.integrationhub.api.TicketService;
import org.integrationhub.persistence.Database;
import org.integrationhub.security.ApiKeyService;
import org.integrationhub.security.RateLimitService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Serves the REST API: Jersey's servlet on the OSGi HTTP whiteboard under {@code /api/*}. */
@Component(service = Servlet.class, configurationPid = HubApiServlet.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=integration-hub-api"})
@Designate(ocd = HubApiServlet.Config.class)
public class HubApiServlet extends ServletContainer {

    private static final long serialVersionUID = 1L;
    static final String PID = "org.integrationhub.rest";

    @ObjectClassDefinition(name = "Integration Hub REST API", description = "Limits of the REST API under /api.")
    public @interface Config {
        @AttributeDefinition(name = "Maximum request body (bytes)",
                description = "Larger request bodies are refused with 413.", min = "1")
        long maxRequestBytes() default 1_048_576L;
    }

    @Activate
    public HubApiServlet(@Reference TicketService tickets, @Reference Database database,
            @Reference ApiKeyService apiKeys, @Reference RateLimitService rateLimits, Config config) {
        super(HubApiApplication.create(tickets, database, apiKeys, rateLimits, config.maxRequestBytes()));
    }
}
