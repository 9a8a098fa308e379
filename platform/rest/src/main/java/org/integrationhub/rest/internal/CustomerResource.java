package org.integrationhub.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerChange;
import org.integrationhub.api.CustomerQuery;
import org.integrationhub.api.CustomerService;
import org.integrationhub.api.NewCustomer;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Page;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.rest.json.JsonRequest;
import org.integrationhub.rest.json.PageParameters;
import org.integrationhub.rest.json.ProblemException;
import org.integrationhub.rest.spi.RequiresScope;
import org.integrationhub.security.Scopes;

/**
 * Customers: create, list by e-mail (cursor pagination, creation order), read, partial update with JSON merge-patch
 * semantics ({@code null} clears a company or phone, and removes an attribute key).
 */
@Path("/v1/customers")
@Produces(Wire.JSON_UTF8)
public class CustomerResource {

    private static final Set<String> CREATE_FIELDS = Set.of("email", "name", "company", "phone");
    private static final Set<String> UPDATE_FIELDS = Set.of("name", "company", "phone", "attributes");

    private final CustomerService customers;

    CustomerResource(CustomerService customers) {
        this.customers = customers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.CUSTOMERS_WRITE)
    public Response create(InputStream body, @Context UriInfo uriInfo) {
        JsonRequest request = JsonRequest.read(body, CREATE_FIELDS);
        String email = request.string("email", true);
        String name = request.string("name", false);
        String company = request.string("company", false);
        String phone = request.string("phone", false);
        request.validate();
        Customer customer = customers.create(new NewCustomer(email, name, company, phone));
        URI location = uriInfo.getAbsolutePathBuilder().path(customer.id()).build();
        return Response.created(location).entity(customer).build();
    }

    @GET
    @RequiresScope(Scopes.CUSTOMERS_READ)
    public ListResponse<Customer> list(@QueryParam("email") String email, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        int pageSize = PageParameters.limit(limit, TicketQuery.DEFAULT_LIMIT, TicketQuery.MAX_LIMIT, errors);
        PageParameters.cursor(cursor, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidRequest("Invalid query parameters; see errors", errors);
        }
        Page<Customer> page;
        try {
            page = customers.list(new CustomerQuery(email == null || email.isBlank() ? null : email, cursor,
                    pageSize));
        } catch (ValidationException e) {
            throw ProblemException.invalidRequest("Invalid query parameters; see errors", e.errors());
        }
        return new ListResponse<>(page.items(), page.nextCursor(), page.nextCursor() != null);
    }

    @GET
    @Path("{id}")
    @RequiresScope(Scopes.CUSTOMERS_READ)
    public Customer get(@PathParam("id") String id) {
        Optional<Customer> customer = Wire.plausibleId(id) ? customers.find(id) : Optional.empty();
        return customer.orElseThrow(CustomerResource::notFound);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, Wire.MERGE_PATCH})
    @RequiresScope(Scopes.CUSTOMERS_WRITE)
    public Customer update(@PathParam("id") String id, InputStream body) {
        if (!Wire.plausibleId(id)) {
            throw notFound();
        }
        JsonRequest request = JsonRequest.read(body, UPDATE_FIELDS);
        String name = request.isNull("name") ? "" : request.string("name", false);
        String company = request.isNull("company") ? "" : request.string("company", false);
        String phone = request.isNull("phone") ? "" : request.string("phone", false);
        Map<String, String> attributes = request.stringMap("attributes");
        if (request.isNull("attributes")) {
            request.invalid("attributes", "must be an object; to remove a key, set it to null");
        }
        request.validate();
        return customers.update(id, new CustomerChange(name, company, phone, attributes, null));
    }

    private static NotFoundException notFound() {
        return new NotFoundException("No customer with this id");
    }
}
