package org.integrationhub.webhooks.internal;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.integrationhub.api.EventType;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.delivery.Delivery;
import org.integrationhub.delivery.DeliveryPage;
import org.integrationhub.delivery.DeliveryQuery;
import org.integrationhub.delivery.DeliveryService;
import org.integrationhub.delivery.DeliveryStatus;
import org.integrationhub.rest.json.JsonRequest;
import org.integrationhub.rest.json.PageParameters;
import org.integrationhub.rest.json.ProblemException;
import org.integrationhub.rest.spi.ApiResource;
import org.integrationhub.rest.spi.RequiresScope;
import org.integrationhub.security.Scopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/webhooks}: endpoints, secret rotation, delivery log, redeliver, replay (scope webhooks:manage). */
@Component(service = ApiResource.class)
@Path("/v1/webhooks")
@Produces("application/json; charset=utf-8")
public class WebhookResource implements ApiResource {

    private static final Set<String> REPLAY_FIELDS = Set.of("since", "until", "events");
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final WebhookRegistry registry;
    private final DeliveryService deliveries;

    @Activate
    public WebhookResource(@Reference WebhookRegistry registry, @Reference DeliveryService deliveries) {
        this.registry = registry;
        this.deliveries = deliveries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    public Response create(InputStream body, @Context UriInfo uri) {
        WebhookRegistry.Created c = registry.create(WebhookJson.input(body));
        Map<String, Object> out = WebhookJson.endpoint(c.endpoint());
        out.put("secret", c.secret());
        URI location = uri.getAbsolutePathBuilder().path(c.endpoint().id()).build();
        return Response.created(location).entity(out).build();
    }

    @GET
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    public Map<String, Object> list() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", registry.list().stream().map(WebhookJson::endpoint).toList());
        m.put("next_cursor", null);
        m.put("has_more", false);
        return m;
    }

    @GET
    @Path("{id}")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    public Map<String, Object> get(@PathParam("id") String id) {
        Map<String, Object> m = WebhookJson.endpoint(registry.get(id));
        var stats = deliveries.stats(WebhookRegistry.KIND, id);
        m.put("stats", Map.of("pending", stats.pending(), "delivered", stats.delivered(), "failed", stats.failed()));
        return m;
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    public Map<String, Object> update(@PathParam("id") String id, InputStream body) {
        WebhookInput in = WebhookJson.input(body);
        if (in.secret() != null) {
            throw new ValidationException("secret", "cannot be set on an existing endpoint: use rotate-secret");
        }
        return WebhookJson.endpoint(registry.update(id, in));
    }

    @DELETE
    @Path("{id}")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    public Response delete(@PathParam("id") String id) {
        registry.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    public Map<String, Object> rotate(@PathParam("id") String id) {
        WebhookRegistry.Created c = registry.rotate(id);
        return Map.of("id", id, "secret", c.secret(), "previous_secret_expires_at",
                c.endpoint().previousSecretUntil().toString());
    }

    @GET
    @Path("{id}/deliveries")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    public Map<String, Object> deliveries(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        registry.get(id);
        List<FieldError> errors = new ArrayList<>();
        DeliveryStatus s = PageParameters.choice("status", status, DeliveryStatus.class, errors);
        int n = PageParameters.limit(limit, DEFAULT_PAGE, MAX_PAGE, errors);
        PageParameters.cursor(cursor, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidRequest("Invalid query parameters; see errors", errors); // 400, as every list
        }
        DeliveryPage page = deliveries.list(new DeliveryQuery(WebhookRegistry.KIND, id, s, cursor, n));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", page.items().stream().map(d -> WebhookJson.delivery(d, deliveries.attempts(d.id()))).toList());
        m.put("next_cursor", page.nextCursor());
        m.put("has_more", page.nextCursor() != null);
        return m;
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        Delivery d = deliveries.get(deliveryId).filter(x -> x.kind().equals(WebhookRegistry.KIND)
                && x.subscriberId().equals(id)).orElseThrow(() -> new NotFoundException("no delivery " + deliveryId
                        + " of webhook " + id));
        Delivery again = deliveries.redeliver(d.id());
        return Response.accepted(WebhookJson.delivery(again, List.of())).build();
    }

    @POST
    @Path("{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    public Response replay(@PathParam("id") String id, InputStream body) {
        registry.get(id);
        JsonRequest request = JsonRequest.read(body, REPLAY_FIELDS);
        String sinceText = request.string("since", false);
        String untilText = request.string("until", false);
        List<String> events = request.strings("events");
        request.validate(); // shape errors: 400
        Instant since = instant("since", sinceText, true);
        Instant until = instant("until", untilText, false);
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        if (events != null) {
            for (String e : events) {
                try {
                    types.add(EventType.fromWireName(e));
                } catch (IllegalArgumentException x) {
                    throw new ValidationException("events", "unknown event type: " + e);
                }
            }
        }
        int scheduled = deliveries.replay(WebhookRegistry.KIND, id, since, until, types);
        return Response.accepted(Map.of("scheduled", scheduled)).build();
    }

    private static Instant instant(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new ValidationException(field, "is required (ISO-8601 instant)");
            }
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z");
        }
    }
}
