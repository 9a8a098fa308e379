package org.integrationhub.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.integrationhub.api.Comment;
import org.integrationhub.api.Customer;
import org.integrationhub.api.EventType;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Page;
import org.integrationhub.api.Person;
import org.integrationhub.api.Rating;
import org.integrationhub.api.Ticket;
import org.integrationhub.api.TicketMetrics;
import org.integrationhub.api.TicketStats;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.TicketService;
import org.integrationhub.api.TicketStatus;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.api.ValidationException;
import org.integrationhub.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The helpdesk core's tickets. Every change runs in one transaction together with the insert of its outbox event; the
 * events are posted on EventAdmin only after that transaction committed. Customers are {@link CustomerServiceImpl}'s
 * (a ticket creates its customer on first sight, announced by its {@code ticket.created}).
 */
@Component(service = TicketService.class, configurationPid = "org.integrationhub.core")
@Designate(ocd = TicketServiceImpl.Config.class)
public class TicketServiceImpl implements TicketService {

    @ObjectClassDefinition(name = "Integration Hub helpdesk core",
            description = "Service levels of tickets (hours after creation by which a ticket must be resolved) and the "
                    + "hub-wide links connectors use.")
    public @interface Config {
        @AttributeDefinition(name = "SLA urgent (hours)", min = "1",
                description = "Hours after creation by which an urgent ticket must be resolved.")
        int sla_urgent_hours() default 4;

        @AttributeDefinition(name = "SLA high (hours)", min = "1",
                description = "Hours after creation by which a high-priority ticket must be resolved.")
        int sla_high_hours() default 8;

        @AttributeDefinition(name = "SLA normal (hours)", min = "1",
                description = "Hours after creation by which a normal-priority ticket must be resolved.")
        int sla_normal_hours() default 24;

        @AttributeDefinition(name = "SLA low (hours)", min = "1",
                description = "Hours after creation by which a low-priority ticket must be resolved.")
        int sla_low_hours() default 72;

        @AttributeDefinition(name = "Ticket URL template",
                description = "The URL people open for a ticket, {id} replaced by its id: the helpdesk's own UI in "
                        + "production. Every connector's View Ticket / Open in Helpdesk link uses it. "
                        + "Read by the connector platform.")
        String ticketUrlTemplate() default "http://127.0.0.1:8181/api/v1/tickets/{id}";

        @AttributeDefinition(name = "Public base URL",
                description = "How vendors reach the hub, e.g. https://hub.example.com: inbound URLs registered at "
                        + "vendors (/integrations/<type>/<path>) and URL-based signatures use it. "
                        + "Read by the connector platform.")
        String publicBaseUrl() default "http://127.0.0.1:8181";
    }

    private static final Logger LOG = LoggerFactory.getLogger(TicketServiceImpl.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    private final Database db;
    private final Clock clock;
    private final SlaPolicy sla;
    private final Ids ids;
    private final CustomerRepository customers;
    private final TicketRepository tickets;
    private final CommentRepository comments;
    private final OutboxWriter outbox;
    private final MetricsQuery metrics;
    private final TicketChanges changes;

    @Activate
    public TicketServiceImpl(@Reference Database db, Config config) {
        this(db, config, Clock.systemUTC());
    }

    /** For tests: a fixed or stepping clock. */
    public TicketServiceImpl(Database db, Config config, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.sla = new SlaPolicy(config);
        this.ids = new Ids(clock);
        this.customers = new CustomerRepository(ids);
        this.tickets = new TicketRepository(customers);
        this.comments = new CommentRepository();
        this.outbox = new OutboxWriter(ids);
        this.metrics = new MetricsQuery(db.dialect());
        this.changes = new TicketChanges(sla);
    }

    @Override
    public Ticket create(NewTicket request) {
        NewTicket t = TicketValidator.newTicket(request);
        Ticket created = change(c -> {
            Instant now = now();
            Customer customer = customers.upsert(c, t.customer(), now);
            Ticket ticket = new Ticket(ids.next(), t.subject(), t.description(), t.priority(), TicketStatus.OPEN,
                    t.assignee(), customer, now, now, sla.dueAt(now, t.priority()), null);
            tickets.insert(c, ticket);
            return new Outcome<>(ticket, outbox.append(c, EventType.TICKET_CREATED, now, ticket, null, null, null));
        });
        LOG.debug("Created ticket {}", created.id());
        return created;
    }

    @Override
    public Optional<Ticket> find(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.inTransaction(c -> tickets.find(c, id));
    }

    @Override
    public Ticket update(String id, TicketUpdate request) {
        TicketUpdate u = TicketValidator.update(request == null ? new TicketUpdate(null, null, null, null, null)
                : request);
        return change(c -> {
            Ticket current = tickets.requireLocked(c, id);
            Instant now = now();
            TicketChanges.Result r = changes.apply(current, u, now);
            if (r.changedFields().isEmpty()) {
                return new Outcome<>(current, null);
            }
            tickets.update(c, r.ticket());
            return new Outcome<>(r.ticket(),
                    outbox.append(c, r.eventType(), now, r.ticket(), null, null, r.changedFields()));
        });
    }

    @Override
    public Page<Ticket> list(TicketQuery query) {
        if (query.limit() < 1 || query.limit() > TicketQuery.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + TicketQuery.MAX_LIMIT);
        }
        String after = query.cursor() == null ? null : CursorCodec.decode(query.cursor());
        List<Ticket> rows = db.inTransaction(c -> tickets.list(c, query.status(), query.priority(), query.assignee(),
                after, query.limit() + 1));
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
        }
        List<Ticket> page = rows.subList(0, query.limit());
        return new Page<>(page, CursorCodec.encode(page.get(page.size() - 1).id()));
    }

    @Override
    public Comment addComment(String ticketId, Person author, String body, boolean internal) {
        Person who = TicketValidator.comment(author, body);
        return change(c -> {
            Ticket ticket = tickets.requireLocked(c, ticketId);
            Instant now = now();
            Comment comment = new Comment(ids.next(), ticket.id(), who, body, internal, now);
            comments.insert(c, comment);
            return new Outcome<>(comment, outbox.append(c, EventType.COMMENT_ADDED, now, ticket, comment, null, null));
        });
    }

    @Override
    public List<Comment> comments(String ticketId) {
        return db.inTransaction(c -> {
            tickets.requireExisting(c, ticketId);
            return comments.comments(c, ticketId);
        });
    }

    @Override
    public Rating rate(String ticketId, int score, String comment) {
        TicketValidator.rating(score, comment);
        return change(c -> {
            Ticket ticket = tickets.requireLocked(c, ticketId);
            Instant now = now();
            Rating rating = new Rating(ids.next(), ticket.id(), score, comment, now);
            comments.replaceRating(c, rating);
            return new Outcome<>(rating, outbox.append(c, EventType.RATING_RECEIVED, now, ticket, null, rating, null));
        });
    }

    @Override
    public List<HubEvent> events(String ticketId) {
        return db.inTransaction(c -> {
            tickets.requireExisting(c, ticketId);
            return outbox.events(c, ticketId);
        });
    }

    @Override
    public TicketMetrics metrics() {
        return db.inTransaction(c -> metrics.compute(c, now()));
    }

    @Override
    public TicketStats stats() {
        return db.inTransaction(c -> metrics.stats(c, now()));
    }

    /** Runs {@code work} in a transaction; posts its event only once the transaction has committed. */
    private <T> T change(Database.TransactionWork<Outcome<T>> work) {
        Outcome<T> outcome = db.inTransaction(work);
        if (outcome.event() != null) {
            EventPublisher.publish(eventAdmin, List.of(outcome.event()));
        }
        return outcome.value();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
