package org.integrationhub.rest.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;

import org.integrationhub.persistence.Database;
import org.integrationhub.rest.json.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/health}: no credentials; 200 when the hub can serve, 503 problem+json when its database is down. */
@Path("/v1/health")
@Produces(Wire.JSON_UTF8)
@PublicEndpoint
public class HealthResource {

    private static final int VALID_TIMEOUT_SECONDS = 2;

    private final Logger logger = LoggerFactory.getLogger(HealthResource.class);
    private final Database database;

    HealthResource(Database database) {
        this.database = database;
    }

    @GET
    public Response health() {
        boolean databaseUp;
        try {
            databaseUp = database.inTransaction(c -> c.isValid(VALID_TIMEOUT_SECONDS));
        } catch (RuntimeException e) {
            logger.debug("Health check: database unreachable", e);
            databaseUp = false;
        }
        if (!databaseUp) {
            Map<String, Object> problem = Problem.body(503, "unavailable", "Service Unavailable",
                    "The hub's database is unreachable", null);
            problem.put("database", "DOWN");
            return Problem.response(problem).header("Retry-After", 5).build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("database", "UP");
        body.put("dialect", database.dialect().name().toLowerCase(java.util.Locale.ROOT));
        body.put("checked_at", Instant.now());
        return Response.ok(body).build();
    }
}
