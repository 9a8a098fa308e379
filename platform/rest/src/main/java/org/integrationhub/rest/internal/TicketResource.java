package org.integrationhub.rest.internal;

import org.integrationhub.rest.json.JsonRequest;
import org.integrationhub.rest.json.PageParameters;
import org.integrationhub.rest.json.ProblemException;
import org.integrationhub.rest.spi.RequiresScope;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.Consumes;
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

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Page;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.security.Scopes;

/** Tickets: create, list (cursor pagination), read, partial update. */
@Path("/v1/tickets")
@Produces(Wire.JSON_UTF8)
public class TicketResource {

    private static final Set<String> CREATE_FIELDS = Set.of("subject", "description", "priority", "customer",
            "assignee");
    private static final Set<String> PERSON_FIELDS = Set.of("email", "name");
    private static final Set<String> UPDATE_FIELDS = Set.of("subject", "description", "priority", "status",
            "assignee");

    private final TicketService tickets;

    TicketResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.TICKETS_WRITE)
    public Response create(InputStream body, @Context UriInfo uriInfo) {
        JsonRequest request = JsonRequest.read(body, CREATE_FIELDS);
        String subject = request.string("subject", true);
        String description = request.string("description", false);
        Priority priority = request.enumeration("priority", Wire::priority, Wire.PRIORITIES);
        Person customer = null;
        JsonRequest c = request.object("customer", true, PERSON_FIELDS);
        if (c != null) {
            customer = new Person(c.string("email", true), c.string("name", false));
        }
        String assignee = request.string("assignee", false);
        request.validate();
        Ticket ticket = tickets.create(new NewTicket(subject, description, priority, customer, assignee));
        URI location = uriInfo.getAbsolutePathBuilder().path(ticket.id()).build();
        return Response.created(location).entity(ticket).build();
    }

    @GET
    @RequiresScope(Scopes.TICKETS_READ)
    public ListResponse<Ticket> list(@QueryParam("status") String status, @QueryParam("priority") String priority,
            @QueryParam("assignee") String assignee, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        TicketStatus statusFilter = null;
        if (status != null) {
            statusFilter = Wire.status(status);
            if (statusFilter == null) {
                errors.add(new FieldError("status", "must be one of " + String.join(", ", Wire.STATUSES)));
            }
        }
        Priority priorityFilter = null;
        if (priority != null) {
            priorityFilter = Wire.priority(priority);
            if (priorityFilter == null) {
                errors.add(new FieldError("priority", "must be one of " + String.join(", ", Wire.PRIORITIES)));
            }
        }
        int pageSize = PageParameters.limit(limit, TicketQuery.DEFAULT_LIMIT, TicketQuery.MAX_LIMIT, errors);
        PageParameters.cursor(cursor, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidRequest("Invalid query parameters; see errors", errors);
        }
        Page<Ticket> page;
        try {
            page = tickets.list(new TicketQuery(statusFilter, priorityFilter, emptyToNull(assignee), cursor, pageSize));
        } catch (ValidationException e) {
            throw ProblemException.invalidRequest("Invalid query parameters; see errors", e.errors());
        }
        return new ListResponse<>(page.items(), page.nextCursor(), page.nextCursor() != null);
    }

    @GET
    @Path("{id}")
    @RequiresScope(Scopes.TICKETS_READ)
    public Ticket get(@PathParam("id") String id) {
        return Wire.existing(tickets, id);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, Wire.MERGE_PATCH})
    @RequiresScope(Scopes.TICKETS_WRITE)
    public Ticket update(@PathParam("id") String id, InputStream body) {
        Wire.requirePlausible(id);
        JsonRequest request = JsonRequest.read(body, UPDATE_FIELDS);
        String subject = request.string("subject", false);
        if (request.isNull("subject")) {
            request.invalid("subject", "must not be null");
        }
        String description = request.string("description", false);
        if (request.isNull("description")) {
            description = "";
        }
        Priority priority = request.enumeration("priority", Wire::priority, Wire.PRIORITIES);
        if (request.isNull("priority")) {
            request.invalid("priority", "must not be null; one of " + String.join(", ", Wire.PRIORITIES));
        }
        TicketStatus status = request.enumeration("status", Wire::status, Wire.STATUSES);
        if (request.isNull("status")) {
            request.invalid("status", "must not be null; one of " + String.join(", ", Wire.STATUSES));
        }
        Optional<String> assignee = null;
        if (request.has("assignee")) {
            assignee = Optional.ofNullable(request.string("assignee", false));
        }
        request.validate();
        return tickets.update(id, new TicketUpdate(subject, description, priority, status, assignee));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
