package org.integrationhub.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.integrationhub.api.Comment;
import org.integrationhub.api.ConflictException;
import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
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
import org.integrationhub.api.TicketStats;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;

/**
 * A {@link TicketService} in memory with the helpdesk core's rules, for connector tests that act on tickets
 * (slash commands, inbound webhooks) or need real events to feed {@code onEvent}:
 * <ul>
 * <li>the core's validation (same fields, limits and messages in one {@code ValidationException}), then
 * {@code NotFoundException} for an unknown or malformed ticket id, then {@code ConflictException} for a transition
 * {@link TicketStatus#canTransitionTo} forbids;</li>
 * <li>ULID ids in creation order; times on the given clock, in milliseconds; the SLA due time is creation plus the
 * priority's window (default 4/8/24/72 hours for urgent/high/normal/low, as {@code etc/org.integrationhub.core.cfg})
 * and moves with a priority change; {@code resolvedAt} set on resolve, cleared on reopen;</li>
 * <li>a customer per e-mail, created on first sight in the {@link FakeCustomerService};</li>
 * <li>one event per change with its type, changed fields and a global sequence, as the outbox writes it; a no-op
 * update emits nothing. Every event is also kept in {@link #recordedEvents()} for assertions.</li>
 * </ul>
 * Thread-safe (changes are serialised).
 *
 * @since 0.2.0
 */
public class FakeTicketService implements TicketService {

    private final FakeCustomerService customers;
    private final Clock clock;
    private final Ulids ids;
    private final Map<Priority, Duration> sla = new EnumMap<>(Priority.class);
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final Map<String, List<Comment>> comments = new ConcurrentHashMap<>();
    private final Map<String, Rating> ratings = new ConcurrentHashMap<>();
    private final List<HubEvent> outbox = new CopyOnWriteArrayList<>();
    private final List<HubEvent> recorded = new CopyOnWriteArrayList<>();
    private long sequence;

    /** Tickets on the system clock with their own {@link FakeCustomerService}. */
    public FakeTicketService() {
        this(new FakeCustomerService(), Clock.systemUTC());
    }

    /**
     * @param customers where the customers of new tickets are found or created
     * @param clock the clock of ids, times and SLA due times
     */
    public FakeTicketService(FakeCustomerService customers, Clock clock) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = new Ulids(clock);
        withSlaHours(4, 8, 24, 72);
    }

    /**
     * Sets the SLA windows, as the core's configuration does ({@code sla.<priority>.hours}).
     *
     * @return this, for chaining
     * @throws IllegalArgumentException if a value is below 1
     */
    public FakeTicketService withSlaHours(int urgent, int high, int normal, int low) {
        int[] hours = {urgent, high, normal, low};
        Priority[] priorities = {Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW};
        for (int i = 0; i < hours.length; i++) {
            if (hours[i] < 1) {
                throw new IllegalArgumentException("sla." + priorities[i].wireName() + ".hours must be at least 1, was "
                        + hours[i]);
            }
            sla.put(priorities[i], Duration.ofHours(hours[i]));
        }
        return this;
    }

    /** @return the customer service the tickets' customers live in */
    public FakeCustomerService customers() {
        return customers;
    }

    @Override
    public synchronized Ticket create(NewTicket request) {
        NewTicket t = HelpdeskRules.newTicket(request);
        Instant now = now();
        Customer customer = customers.upsert(t.customer());
        Ticket ticket = new Ticket(ids.next(), t.subject(), t.description(), t.priority(), TicketStatus.OPEN,
                t.assignee(), customer, now, now, now.plus(sla.get(t.priority())), null);
        tickets.put(ticket.id(), ticket);
        emit(EventType.TICKET_CREATED, now, ticket, null, null, Set.of());
        return ticket;
    }

    @Override
    public Optional<Ticket> find(String id) {
        if (!Ulids.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(tickets.get(id)).map(this::withCurrentCustomer);
    }

    @Override
    public synchronized Ticket update(String id, TicketUpdate request) {
        TicketUpdate u = HelpdeskRules.update(request == null ? new TicketUpdate(null, null, null, null, null)
                : request);
        Ticket t = require(id);
        Instant now = now();
        Set<String> changed = new LinkedHashSet<>();
        String subject = pick(t.subject(), u.subject(), "subject", changed);
        String description = pick(t.description(), u.description(), "description", changed);
        Priority priority = pick(t.priority(), u.priority(), "priority", changed);
        String assignee = t.assignee();
        if (u.assignee() != null && !Objects.equals(t.assignee(), u.assignee().orElse(null))) {
            assignee = u.assignee().orElse(null);
            changed.add("assignee");
        }
        TicketStatus status = t.status();
        Instant resolvedAt = t.resolvedAt();
        if (u.status() != null && u.status() != t.status()) {
            if (!t.status().canTransitionTo(u.status())) {
                throw new ConflictException("cannot change status from " + t.status().wireName() + " to "
                        + u.status().wireName() + " (allowed: " + t.status().allowedTargets().stream()
                                .map(TicketStatus::wireName).collect(Collectors.joining(", ")) + ")");
            }
            status = u.status();
            changed.add("status");
            if (status == TicketStatus.RESOLVED) {
                resolvedAt = now;
            } else if (status == TicketStatus.OPEN) {
                resolvedAt = null;
            }
        }
        if (changed.isEmpty()) {
            return t;
        }
        Instant slaDueAt = changed.contains("priority") ? t.createdAt().plus(sla.get(priority)) : t.slaDueAt();
        Ticket after = new Ticket(t.id(), subject, description, priority, status, assignee, t.customer(),
                t.createdAt(), now, slaDueAt, resolvedAt);
        tickets.put(after.id(), after);
        EventType type = !changed.contains("status") ? EventType.TICKET_UPDATED
                : status == TicketStatus.RESOLVED ? EventType.TICKET_RESOLVED
                : status == TicketStatus.CLOSED ? EventType.TICKET_CLOSED : EventType.TICKET_UPDATED;
        emit(type, now, after, null, null, changed);
        return after;
    }

    @Override
    public Page<Ticket> list(TicketQuery query) {
        HelpdeskRules.limit(query.limit(), TicketQuery.MAX_LIMIT);
        String after = query.cursor() == null ? null : HelpdeskRules.decodeCursor(query.cursor());
        List<Ticket> rows = tickets.values().stream()
                .filter(t -> query.status() == null || t.status() == query.status())
                .filter(t -> query.priority() == null || t.priority() == query.priority())
                .filter(t -> query.assignee() == null || query.assignee().equals(t.assignee()))
                .filter(t -> after == null || t.id().compareTo(after) < 0)
                .sorted(Comparator.comparing(Ticket::id).reversed())
                .limit(query.limit() + 1L).map(this::withCurrentCustomer).toList();
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
        }
        List<Ticket> page = rows.subList(0, query.limit());
        return new Page<>(page, HelpdeskRules.encodeCursor(page.get(page.size() - 1).id()));
    }

    @Override
    public synchronized Comment addComment(String ticketId, Person author, String body, boolean internal) {
        Person who = HelpdeskRules.comment(author, body);
        Ticket ticket = require(ticketId);
        Instant now = now();
        Comment comment = new Comment(ids.next(), ticket.id(), who, body, internal, now);
        comments.computeIfAbsent(ticket.id(), k -> new CopyOnWriteArrayList<>()).add(comment);
        emit(EventType.COMMENT_ADDED, now, ticket, comment, null, Set.of());
        return comment;
    }

    @Override
    public List<Comment> comments(String ticketId) {
        require(ticketId);
        return List.copyOf(comments.getOrDefault(ticketId, List.of()));
    }

    @Override
    public synchronized Rating rate(String ticketId, int score, String comment) {
        HelpdeskRules.rating(score, comment);
        Ticket ticket = require(ticketId);
        Instant now = now();
        Rating rating = new Rating(ids.next(), ticket.id(), score, comment, now);
        ratings.put(ticket.id(), rating);
        emit(EventType.RATING_RECEIVED, now, ticket, null, rating, Set.of());
        return rating;
    }

    @Override
    public List<HubEvent> events(String ticketId) {
        require(ticketId);
        return outbox.stream().filter(e -> e.ticketId().equals(ticketId)).toList();
    }

    @Override
    public TicketMetrics metrics() {
        Instant now = now();
        Map<TicketStatus, Long> counts = new EnumMap<>(TicketStatus.class);
        for (TicketStatus s : TicketStatus.values()) {
            counts.put(s, 0L);
        }
        long overdue = 0;
        long lateResolved = 0;
        long resolved = 0;
        long resolutionMillis = 0;
        for (Ticket t : tickets.values()) {
            counts.merge(t.status(), 1L, Long::sum);
            if (t.status().isActive() && t.slaDueAt().isBefore(now)) {
                overdue++;
            }
            if (!t.status().isActive() && t.resolvedAt() != null && t.resolvedAt().isAfter(t.slaDueAt())) {
                lateResolved++;
            }
            if (t.resolvedAt() != null) {
                resolved++;
                resolutionMillis += Duration.between(t.createdAt(), t.resolvedAt()).toMillis();
            }
        }
        Duration average = resolved == 0 ? null
                : Duration.ofMillis(Math.round((double) resolutionMillis / resolved));
        return new TicketMetrics(Collections.unmodifiableMap(counts), overdue, overdue + lateResolved, average);
    }

    /**
     * The figures of {@code GET /api/v1/metrics/tickets} as the core computes them: open and overdue among the
     * active tickets, SLA breached = overdue + resolved after the due time, and the average resolution time of the
     * tickets resolved in the last 60 minutes (by the service's clock), in total and per priority.
     *
     * @since 0.2.0
     */
    @Override
    public TicketStats stats() {
        Instant now = now();
        Duration window = Duration.ofMinutes(60);
        Instant from = now.minus(window);
        Map<Priority, long[]> sums = new EnumMap<>(Priority.class); // open, overdue, late, resolved, millis
        for (Priority p : Priority.values()) {
            sums.put(p, new long[5]);
        }
        for (Ticket t : tickets.values()) {
            long[] f = sums.get(t.priority());
            if (t.status().isActive()) {
                f[0]++;
                if (t.slaDueAt().isBefore(now)) {
                    f[1]++;
                }
            }
            if (t.resolvedAt() != null && t.resolvedAt().isAfter(t.slaDueAt())) {
                f[2]++;
            }
            if (t.resolvedAt() != null && t.resolvedAt().isAfter(from) && !t.resolvedAt().isAfter(now)) {
                f[3]++;
                f[4] += Duration.between(t.createdAt(), t.resolvedAt()).toMillis();
            }
        }
        long[] total = new long[5];
        Map<Priority, TicketStats.Figures> byPriority = new EnumMap<>(Priority.class);
        sums.forEach((p, f) -> {
            byPriority.put(p, figures(f));
            for (int i = 0; i < total.length; i++) {
                total[i] += f[i];
            }
        });
        return new TicketStats(now, window, figures(total), byPriority);
    }

    private static TicketStats.Figures figures(long[] f) {
        Duration average = f[3] == 0 ? null : Duration.ofMillis(Math.round((double) f[4] / f[3]));
        return new TicketStats.Figures(f[0], f[1], f[1] + f[2], f[3], average);
    }

    /** @return the latest rating of the ticket, if any (the core keeps one per ticket) */
    public Optional<Rating> rating(String ticketId) {
        return Optional.ofNullable(ratings.get(ticketId));
    }

    /**
     * Arranges a ticket exactly as given (no validation, no event): for a test that needs a ticket in some state,
     * e.g. closed and assigned. Its customer is added to the {@link FakeCustomerService} unless its e-mail is known.
     *
     * @param ticket the ticket; its id must be a ULID, as every id the core hands out
     * @return the ticket
     * @throws IllegalArgumentException for an id that is not a ULID (the service would never find it)
     */
    public synchronized Ticket put(Ticket ticket) {
        if (!Ulids.isValid(ticket.id())) {
            throw new IllegalArgumentException("a ticket id is a ULID (26 upper-case Crockford base-32 characters): "
                    + HelpdeskRules.forMessage(ticket.id()));
        }
        if (customers.findByEmail(ticket.customer().email()).isEmpty()) {
            customers.add(ticket.customer());
        }
        tickets.put(ticket.id(), ticket);
        return ticket;
    }

    /** @return every event emitted since the start or the last {@link #clearRecordedEvents()}, in sequence order */
    public List<HubEvent> recordedEvents() {
        return List.copyOf(recorded);
    }

    /** @return the last event emitted @throws IllegalStateException if none was recorded */
    public HubEvent lastEvent() {
        List<HubEvent> all = recordedEvents();
        if (all.isEmpty()) {
            throw new IllegalStateException("no event recorded");
        }
        return all.get(all.size() - 1);
    }

    /** Forgets the recorded events, e.g. after arranging a test; {@link #events(String)} still lists them. */
    public void clearRecordedEvents() {
        recorded.clear();
    }

    private Ticket require(String id) {
        Ticket ticket = Ulids.isValid(id) ? tickets.get(id) : null;
        if (ticket == null) {
            throw new NotFoundException("no ticket with id " + HelpdeskRules.forMessage(id));
        }
        return withCurrentCustomer(ticket);
    }

    /** Tickets are read with their customer's current name and external ids, as the core joins them. */
    private Ticket withCurrentCustomer(Ticket t) {
        Customer current = customers.find(t.customer().id()).orElse(t.customer());
        if (current.equals(t.customer())) {
            return t;
        }
        return new Ticket(t.id(), t.subject(), t.description(), t.priority(), t.status(), t.assignee(), current,
                t.createdAt(), t.updatedAt(), t.slaDueAt(), t.resolvedAt());
    }

    private void emit(EventType type, Instant at, Ticket ticket, Comment comment, Rating rating, Set<String> changed) {
        HubEvent event = new HubEvent(ids.next(), ++sequence, type, at, ticket, comment, rating, changed);
        outbox.add(event);
        recorded.add(event);
    }

    private static <T> T pick(T current, T wanted, String field, Set<String> changed) {
        if (wanted == null || Objects.equals(current, wanted)) {
            return current;
        }
        changed.add(field);
        return wanted;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
