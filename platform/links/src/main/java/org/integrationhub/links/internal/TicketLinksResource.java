package org.integrationhub.links.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;

import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.TicketService;
import org.integrationhub.rest.spi.ApiResource;
import org.integrationhub.rest.spi.RequiresScope;
import org.integrationhub.security.Scopes;
import org.integrationhub.spi.LinkStore;
import org.integrationhub.spi.TicketLink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/tickets/{id}/links} (CONTRACT "Customers"): the remote objects connectors made for a ticket —
 * Jira issue, Slack thread, Trello card — as {@code [{integration, type, key, url}]}, ordered by instance, then type.
 * An unknown ticket is a 404 problem; a ticket no connector touched has an empty list.
 */
@Component(service = ApiResource.class)
@Path("/v1/tickets/{id}/links")
@Produces("application/json; charset=utf-8")
public class TicketLinksResource implements ApiResource {

    private static final int MAX_ID = 64;

    private final TicketService tickets;
    private final LinkStore links;

    @Activate
    public TicketLinksResource(@Reference TicketService tickets, @Reference LinkStore links) {
        this.tickets = tickets;
        this.links = links;
    }

    @GET
    @RequiresScope(Scopes.TICKETS_READ)
    public List<Map<String, String>> list(@PathParam("id") String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID || tickets.find(id).isEmpty()) {
            throw new NotFoundException("No ticket with this id");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (TicketLink link : links.links(id)) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("integration", link.integration());
            item.put("type", link.type());
            item.put("key", link.key());
            item.put("url", link.url());
            out.add(item);
        }
        return out;
    }
}
