package org.integrationhub.connector.jira.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.integrationhub.api.Comment;
import org.integrationhub.api.ConflictException;
import org.integrationhub.api.Customer;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Page;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.Rating;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketMetrics;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.api.ValidationException;

/** The part of {@link TicketService} the connector uses, in memory, with the hub's status machine and comment rules. */
final class InMemoryTickets implements TicketService {

    final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    final Map<String, List<Comment>> comments = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    Ticket open(String subject, Priority priority) {
        Instant now = Instant.parse("2026-12-05T10:15:30Z");
        String id = String.format("01JTEST%019d", ids.incrementAndGet());
        Ticket t = new Ticket(id, subject, "The printer on the 3rd floor is on fire.\n\nPlease send help.", priority,
                TicketStatus.OPEN, null, new Customer("C" + id, "ann@example.com", "Ann Smith", Map.of(), now), now,
                now, now.plus(Duration.ofHours(4)), null);
        tickets.put(id, t);
        return t;
    }

    @Override
    public Ticket create(NewTicket ticket) {
        throw new UnsupportedOperationException();
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
        Ticket updated = new Ticket(t.id(), t.subject(), t.description(), t.priority(), status, t.assignee(),
                t.customer(), t.createdAt(), Instant.now(), t.slaDueAt(),
                status == TicketStatus.RESOLVED ? Instant.now() : t.resolvedAt());
        tickets.put(id, updated);
        return updated;
    }

    @Override
    public Page<Ticket> list(TicketQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Comment addComment(String ticketId, Person author, String body, boolean internal) {
        find(ticketId).orElseThrow(() -> new NotFoundException("Ticket " + ticketId + " not found"));
        if (body == null || body.isBlank() || body.length() > 100_000) {
            throw new ValidationException("body", "is required, at most 100000 characters");
        }
        Comment c = new Comment(String.format("01JCOMMENT%016d", ids.incrementAndGet()), ticketId,
                author == null ? new Person(null, null) : author, body, internal, Instant.now());
        comments.computeIfAbsent(ticketId, k -> new CopyOnWriteArrayList<>()).add(c);
        return c;
    }

    @Override
    public List<Comment> comments(String ticketId) {
        return new ArrayList<>(comments.getOrDefault(ticketId, List.of()));
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
