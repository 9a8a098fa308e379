package org.integrationhub.rest.internal;

import org.integrationhub.rest.json.JsonRequest;
import org.integrationhub.rest.spi.RequiresScope;

import java.io.InputStream;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Person;
import org.integrationhub.api.TicketService;
import org.integrationhub.security.Scopes;

/** Comments of a ticket: add one, list them oldest first. */
@Path("/v1/tickets/{id}/comments")
@Produces(Wire.JSON_UTF8)
public class CommentResource {

    private static final Set<String> FIELDS = Set.of("body", "author", "internal");
    private static final Set<String> AUTHOR_FIELDS = Set.of("name", "email");

    private final TicketService tickets;

    CommentResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.TICKETS_WRITE)
    public Response add(@PathParam("id") String id, InputStream body) {
        Wire.requirePlausible(id);
        JsonRequest request = JsonRequest.read(body, FIELDS);
        String text = request.string("body", true);
        Person author = null;
        JsonRequest a = request.object("author", false, AUTHOR_FIELDS);
        if (a != null) {
            author = new Person(a.string("email", false), a.string("name", false));
        }
        boolean internal = request.bool("internal", false);
        request.validate();
        Comment comment = tickets.addComment(id, author, text, internal);
        return Response.status(Response.Status.CREATED).entity(comment).build();
    }

    @GET
    @RequiresScope(Scopes.TICKETS_READ)
    public ListResponse<Comment> list(@PathParam("id") String id) {
        Wire.existing(tickets, id);
        return ListResponse.of(tickets.comments(id));
    }
}
