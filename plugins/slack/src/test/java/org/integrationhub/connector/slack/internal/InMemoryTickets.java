package org.integrationhub.connector.slack.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.integrationhub.api.Comment;
import org.integrationhub.api.ConflictException;
import org.integrationhub.api.Customer;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Page;
import org.integrationhub.api.Person;
import org.integrationhub.api.Rating;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketMetrics;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.api.ValidationException;

/** A {@link TicketService} in a map, with the hub's status machine; what the connector uses of it. */
final class InMemoryTickets implements TicketService {

    final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    Ticket add(Ticket t) {
        tickets.put(t.id(), t);
        return t;
    }

    @Override
    public Ticket create(NewTicket n) {
        if (n.subject() == null || n.subject().isBlank() || n.subject().length() > 200) {
            throw new ValidationException("subject", "must be 1 to 200 characters");
        }
        Instant now = Instant.now();
        String id = String.format("01JTEST%019d", ids.incrementAndGet());
        Customer c = new Customer("C" + id, n.customer().email(), n.customer().name(), Map.of(), now);
        return add(new Ticket(id, n.subject(), n.description(), n.priority(), TicketStatus.OPEN, n.assignee(), c,
                now, now, now.plus(Duration.ofHours(8)), null));
    }

    @Override
    public Optional<Ticket> find(String id) {
        return Optional.ofNullable(tickets.get(id));
    }

    @Override
    public synchronized Ticket update(String id, TicketUpdate u) {
        Ticket t = find(id).orElseThrow(() -> new NotFoundException("Ticket " + id + " not found"));
        TicketStatus status = t.status();
        if (u.status() != null && u.status() != status) {
            if (!status.canTransitionTo(u.status())) {
                throw new ConflictException("Ticket " + id + " cannot move from " + status.wireName() + " to "
                        + u.status().wireName());
            }
            status = u.status();
        }
        String assignee = u.assignee() == null ? t.assignee() : u.assignee().orElse(null);
        return add(new Ticket(t.id(), u.subject() == null ? t.subject() : u.subject(),
                u.description() == null ? t.description() : u.description(),
                u.priority() == null ? t.priority() : u.priority(), status, assignee, t.customer(), t.createdAt(),
                Instant.now(), t.slaDueAt(), t.resolvedAt()));
    }

    @Override
    public Page<Ticket> list(TicketQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Comment addComment(String ticketId, Person author, String body, boolean internal) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Comment> comments(String ticketId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Rating rate(String ticketId, int score, String comment) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<HubEvent> events(String ticketId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TicketMetrics metrics() {
        throw new UnsupportedOperationException();
    }
}
