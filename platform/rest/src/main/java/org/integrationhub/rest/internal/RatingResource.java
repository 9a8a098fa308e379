package org.integrationhub.rest.internal;

import org.integrationhub.rest.json.JsonRequest;
import org.integrationhub.rest.spi.RequiresScope;

import java.io.InputStream;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.integrationhub.api.Rating;
import org.integrationhub.api.TicketService;
import org.integrationhub.security.Scopes;

/** The customer's satisfaction rating of a ticket (a later rating replaces the earlier one). */
@Path("/v1/tickets/{id}/rating")
@Produces(Wire.JSON_UTF8)
public class RatingResource {

    private static final Set<String> FIELDS = Set.of("score", "comment");

    private final TicketService tickets;

    RatingResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.TICKETS_WRITE)
    public Response rate(@PathParam("id") String id, InputStream body) {
        Wire.requirePlausible(id);
        JsonRequest request = JsonRequest.read(body, FIELDS);
        Integer score = request.integer("score", true, 1, 5);
        String comment = request.string("comment", false);
        request.validate();
        Rating rating = tickets.rate(id, score, comment);
        return Response.status(Response.Status.CREATED).entity(rating).build();
    }
}
