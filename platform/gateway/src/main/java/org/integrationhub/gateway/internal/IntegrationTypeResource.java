package org.integrationhub.gateway.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;

import org.integrationhub.api.NotFoundException;
import org.integrationhub.gateway.ConnectorType;
import org.integrationhub.gateway.IntegrationConfigurations;
import org.integrationhub.rest.spi.ApiResource;
import org.integrationhub.rest.spi.RequiresScope;
import org.integrationhub.security.Scopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The installed connector types and their configuration keys over REST: what {@code POST /v1/integrations} takes. */
@Component(service = ApiResource.class)
@Path("/v1/integration-types")
@Produces("application/json; charset=utf-8")
public class IntegrationTypeResource implements ApiResource {

    private final IntegrationConfigurations configurations;

    @Activate
    public IntegrationTypeResource(@Reference IntegrationConfigurations configurations) {
        this.configurations = configurations;
    }

    @GET
    @RequiresScope(Scopes.INTEGRATIONS_READ)
    public List<ConnectorType> list() {
        return configurations.types();
    }

    @GET
    @Path("{type}")
    @RequiresScope(Scopes.INTEGRATIONS_READ)
    public ConnectorType get(@PathParam("type") String type) {
        return configurations.type(type).orElseThrow(() -> new NotFoundException("No connector type '" + type
                + "' is installed"));
    }
}
