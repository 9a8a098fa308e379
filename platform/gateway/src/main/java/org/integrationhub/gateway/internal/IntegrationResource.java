package org.integrationhub.gateway.internal;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.integrationhub.api.HubException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.gateway.GatewayException;
import org.integrationhub.gateway.InstanceConfiguration;
import org.integrationhub.gateway.IntegrationConfigurations;
import org.integrationhub.gateway.IntegrationGateway;
import org.integrationhub.gateway.IntegrationInfo;
import org.integrationhub.rest.json.Problem;
import org.integrationhub.rest.spi.ApiResource;
import org.integrationhub.rest.spi.RequiresScope;
import org.integrationhub.security.Scopes;
import org.integrationhub.spi.ActionDescriptor;
import org.integrationhub.spi.HealthResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * REST face of the gateway (CONTRACT.md "Integrations"): list, show, run an action, test the connection; create and
 * delete instances (scope admin).
 */
@Component(service = ApiResource.class)
@Path("/v1/integrations")
@Produces("application/json; charset=utf-8")
public class IntegrationResource implements ApiResource {

    private static final int MAX_KEY = 200;
    /** How long a DELETE waits for the instance's connector service to go (Declarative Services disposes it). */
    static final Duration REMOVAL_WAIT = Duration.ofSeconds(2);

    private final GatewayComponent gateway;
    private final IntegrationConfigurations configurations;

    @Activate
    public IntegrationResource(@Reference GatewayComponent gateway,
            @Reference IntegrationConfigurations configurations) {
        this.gateway = gateway;
        this.configurations = configurations;
    }

    /**
     * Creates an instance: {@code {type, name, config:{key: value}}} → 201 with its configuration (no secrets); a
     * badly shaped body is a 400 and a missing or invalid value a 422, as for every body of {@code /api/v1}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.ADMIN)
    public Response create(InputStream body, @Context UriInfo uri) {
        InstanceRequests.Create request = InstanceRequests.create(body);
        try {
            InstanceConfiguration created = configurations.create(request.type(), request.name(), request.config());
            URI location = uri.getAbsolutePathBuilder().path(created.name()).build();
            return Response.created(location).entity(created).build();
        } catch (ValidationException e) {
            throw InstanceRequests.configurationErrors(e); // configuration keys become config.<key>
        } catch (HubException e) {
            return InstanceRequests.problem(e);
        }
    }

    /** Deletes an instance's configuration → 204, once the instance has left the listing (at most 2 s). */
    @DELETE
    @Path("{name}")
    @RequiresScope(Scopes.ADMIN)
    public Response delete(@PathParam("name") String name) {
        try {
            configurations.remove(name);
            awaitUnlisted(gateway, name, REMOVAL_WAIT);
            return Response.noContent().build();
        } catch (HubException e) {
            return InstanceRequests.problem(e);
        }
    }

    @GET
    @RequiresScope(Scopes.INTEGRATIONS_READ)
    public List<IntegrationInfo> list() {
        return gateway.list();
    }

    @GET
    @Path("{name}")
    @RequiresScope(Scopes.INTEGRATIONS_READ)
    public IntegrationInfo get(@PathParam("name") String name) {
        return gateway.get(name).orElseThrow(() -> new NotFoundException("No integration named '" + name + "'"));
    }

    @POST
    @Path("{name}/actions/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.INTEGRATIONS_EXECUTE)
    public Response execute(@PathParam("name") String name, @PathParam("action") String action,
            @HeaderParam("Idempotency-Key") String idempotencyKey, Map<String, Object> params) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY
                ? java.util.UUID.randomUUID().toString() : idempotencyKey;
        try {
            return Response.ok(gateway.execute(name, action, params == null ? Map.of() : params, key).data()).build();
        } catch (GatewayException e) {
            return problem(e, missing(name, action, params));
        }
    }

    @POST
    @Path("{name}/test")
    @RequiresScope(Scopes.INTEGRATIONS_EXECUTE)
    public Response test(@PathParam("name") String name) {
        try {
            HealthResult result = gateway.test(name);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", result.status().name());
            body.put("status_detail", result.detail());
            return Response.ok(body).build();
        } catch (GatewayException e) {
            return problem(e, List.of());
        }
    }

    /**
     * Waits until the gateway no longer lists the instance: its configuration is gone at once, but its connector
     * service is disposed asynchronously a moment later, and until then it would still be listed (and a GET right
     * after the 204 would find it).
     *
     * @return whether it left the listing within {@code max}
     */
    static boolean awaitUnlisted(IntegrationGateway gateway, String name, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (gateway.get(name).isPresent()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private List<String> missing(String name, String action, Map<String, Object> params) {
        ActionDescriptor descriptor = gateway.get(name).flatMap(i -> i.actions().stream()
                .filter(a -> a.name().equals(action)).findFirst()).orElse(null);
        return descriptor == null ? List.of() : Gateway.missingParameters(descriptor, params);
    }

    /** @return the problem+json answer for a gateway failure, with Retry-After where the failure has one */
    static Response problem(GatewayException e, List<String> missingParameters) {
        int status = e.httpStatus();
        List<FieldError> errors = e.reason() == GatewayException.Reason.INVALID_PARAMETERS
                ? missingParameters.stream().map(p -> new FieldError(p, "is required")).toList() : null;
        Map<String, Object> body = Problem.body(status,
                e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), title(e), e.getMessage(), errors);
        if (e.category() != null) {
            body.put("category", e.category().name());
        }
        Response.ResponseBuilder response = Problem.response(body);
        if (e.retryAfter() != null) {
            response.header("Retry-After", Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
        }
        return response.build();
    }

    private static String title(GatewayException e) {
        return switch (e.reason()) {
            case UNKNOWN_INTEGRATION -> "Unknown integration";
            case UNKNOWN_ACTION -> "Unknown action";
            case INVALID_PARAMETERS -> "Validation failed";
            case UNAVAILABLE -> "Integration unavailable";
            case RATE_LIMITED -> "Too Many Requests";
            case CIRCUIT_OPEN -> "Circuit open";
            case BULKHEAD_FULL -> "Integration busy";
            case TIMEOUT -> "Integration timeout";
            case BAD_REQUEST -> "Rejected by the integration";
            case REMOTE_FAILURE -> "Remote system failed";
            case INTERNAL -> "Connector error";
        };
    }
}
