package org.integrationhub.rest.internal;

import org.integrationhub.rest.spi.RequiresScope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;

import org.integrationhub.api.HubEvent;
import org.integrationhub.api.TicketService;
import org.integrationhub.json.HubJson;
import org.integrationhub.security.Scopes;

import com.fasterxml.jackson.databind.JsonNode;

/** The outbox events of one ticket, oldest first, each exactly as a webhook delivery body carries it. */
@Path("/v1/tickets/{id}/events")
@Produces(Wire.JSON_UTF8)
public class TicketEventResource {

    private final TicketService tickets;

    TicketEventResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @GET
    @RequiresScope(Scopes.TICKETS_READ)
    public ListResponse<JsonNode> list(@PathParam("id") String id) {
        Wire.existing(tickets, id);
        List<JsonNode> events = new ArrayList<>();
        for (HubEvent event : tickets.events(id)) {
            try {
                events.add(HubJson.mapper().readTree(HubJson.eventJson(event)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ListResponse.of(events);
    }
}
