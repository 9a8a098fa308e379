package org.integrationhub.gateway.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;

import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryPage;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.rest.json.PageParameters;
import org.integrationhub.rest.json.ProblemException;
import org.integrationhub.rest.spi.ApiResource;
import org.integrationhub.rest.spi.RequiresScope;
import org.integrationhub.security.Scopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** An integration's event deliveries over REST: list (pending/failed/delivered), redeliver, retry all failed. */
@Component(service = ApiResource.class)
@Path("/v1/integrations/{name}/deliveries")
@Produces("application/json; charset=utf-8")
public class IntegrationDeliveryResource implements ApiResource {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final DeliveryService deliveries;

    @Activate
    public IntegrationDeliveryResource(@Reference DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @RequiresScope(Scopes.INTEGRATIONS_READ)
    public Map<String, Object> list(@PathParam("name") String name, @QueryParam("status") String status,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        DeliveryStatus filter = PageParameters.choice("status", status, DeliveryStatus.class, errors);
        int size = PageParameters.limit(limit, DEFAULT_PAGE, MAX_PAGE, errors);
        PageParameters.cursor(cursor, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidRequest("Invalid query parameters; see errors", errors); // 400, as every list
        }
        DeliveryPage page = deliveries.list(new DeliveryQuery(IntegrationTransport.KIND, name, filter, cursor, size));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.items());
        body.put("next_cursor", page.nextCursor());
        body.put("has_more", page.nextCursor() != null);
        body.put("stats", deliveries.stats(IntegrationTransport.KIND, name));
        return body;
    }

    @POST
    @Path("{deliveryId}/redeliver")
    @RequiresScope(Scopes.INTEGRATIONS_EXECUTE)
    public Delivery redeliver(@PathParam("name") String name, @PathParam("deliveryId") String deliveryId) {
        Delivery d = deliveries.get(deliveryId).filter(x -> x.kind().equals(IntegrationTransport.KIND)
                && x.subscriberId().equals(name)).orElseThrow(() -> new NotFoundException("No delivery " + deliveryId
                        + " for integration '" + name + "'"));
        return deliveries.redeliver(d.id());
    }

    @POST
    @Path("retry-failed")
    @RequiresScope(Scopes.INTEGRATIONS_EXECUTE)
    public Map<String, Object> retryFailed(@PathParam("name") String name) {
        return Map.of("rescheduled", deliveries.retryFailed(IntegrationTransport.KIND, name));
    }
}
