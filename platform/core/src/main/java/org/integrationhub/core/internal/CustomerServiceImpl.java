package org.integrationhub.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.integrationhub.api.ConflictException;
import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerChange;
import org.integrationhub.api.CustomerQuery;
import org.integrationhub.api.CustomerService;
import org.integrationhub.api.HubEvent;
import org.integrationhub.api.NewCustomer;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Page;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.ValidationException;
import org.integrationhub.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;

/**
 * The helpdesk's customers. Every creation through this service and every actual change runs in one transaction
 * together with its {@code customer.updated} outbox event (keyed by the customer's id, so a subscriber receives one
 * customer's events in commit order: changes lock the customer's row first); a change that changes nothing writes
 * nothing. The events are posted on EventAdmin after the commit. Customers a ticket creates are announced by the
 * ticket's own {@code ticket.created} ({@link TicketServiceImpl}).
 */
@Component(service = CustomerService.class)
public class CustomerServiceImpl implements CustomerService {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    private final Database db;
    private final Clock clock;
    private final Ids ids;
    private final CustomerRepository customers;
    private final OutboxWriter outbox;

    @Activate
    public CustomerServiceImpl(@Reference Database db) {
        this(db, Clock.systemUTC());
    }

    /** For tests: a fixed or stepping clock. */
    public CustomerServiceImpl(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.ids = new Ids(clock);
        this.customers = new CustomerRepository(ids);
        this.outbox = new OutboxWriter(ids);
    }

    @Override
    public Optional<Customer> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        return db.inTransaction(c -> customers.findByEmail(c, normalised));
    }

    @Override
    public Optional<Customer> find(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.inTransaction(c -> customers.findById(c, id, false));
    }

    @Override
    public Page<Customer> list(CustomerQuery query) {
        int limit = query.limit() == 0 ? TicketQuery.DEFAULT_LIMIT : query.limit();
        if (limit < 1 || limit > TicketQuery.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + TicketQuery.MAX_LIMIT);
        }
        String after = query.cursor() == null ? null : CursorCodec.decode(query.cursor());
        String email = query.email() == null ? null : CustomerValidator.email(query.email(), false);
        List<Customer> rows = db.inTransaction(c -> customers.list(c, email, after, limit + 1));
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<Customer> page = rows.subList(0, limit);
        return new Page<>(page, CursorCodec.encode(page.get(page.size() - 1).id()));
    }

    @Override
    public Customer create(NewCustomer request) {
        NewCustomer n = CustomerValidator.newCustomer(request);
        return change(c -> {
            Instant now = now();
            Customer created = new Customer(ids.next(), n.email(), n.name(), n.company(), n.phone(), Map.of(),
                    Map.of(), now, now);
            if (!customers.insertIfAbsent(c, created)) {
                throw conflict(customers.findByEmail(c, n.email()).map(Customer::id).orElse(null));
            }
            return announce(c, created, CustomerChanges.created(created));
        });
    }

    @Override
    public Customer update(String customerId, CustomerChange change) {
        CustomerChange ch = CustomerValidator.change(change == null ? CustomerChange.none() : change);
        return change(c -> {
            Customer current = (Ids.isValid(customerId) ? customers.findById(c, customerId, true)
                    : Optional.<Customer>empty()).orElseThrow(() -> notFound(customerId));
            return apply(c, current, ch);
        });
    }

    @Override
    public Customer linkExternalId(String customerId, String source, String externalId) {
        TicketValidator.externalId(source, externalId);
        return update(customerId, new CustomerChange(null, null, null, null, Map.of(source, externalId)));
    }

    @Override
    public Customer updateOrCreate(String email, String name, CustomerChange change) {
        String normalised = CustomerValidator.email(email, true);
        String fallbackName = CustomerValidator.name(name);
        CustomerChange ch = CustomerValidator.change(change == null ? CustomerChange.none() : change);
        return change(c -> {
            Optional<Customer> existing = customers.findByEmail(c, normalised);
            if (existing.isEmpty()) {
                Instant now = now();
                Customer fresh = new Customer(ids.next(), normalised, ch.name() != null ? ch.name()
                        : fallbackName == null ? "" : fallbackName, CustomerValidator.blankToNull(ch.company()),
                        CustomerValidator.blankToNull(ch.phone()), Map.of(), Map.of(), now, now);
                Customer created = CustomerChanges.apply(fresh, new CustomerChange(null, null, null, ch.attributes(),
                        ch.externalIds()), now).customer();
                if (customers.insertIfAbsent(c, created)) {
                    return announce(c, created, CustomerChanges.created(created));
                }
                existing = customers.findByEmail(c, normalised);
            }
            Customer current = customers.findById(c, existing.orElseThrow().id(), true).orElseThrow();
            boolean fillName = current.name().isEmpty() && ch.name() == null && fallbackName != null
                    && !fallbackName.isEmpty();
            return apply(c, current, fillName ? new CustomerChange(fallbackName, ch.company(), ch.phone(),
                    ch.attributes(), ch.externalIds()) : ch);
        });
    }

    /** Applies a validated change to the locked {@code current}; stores it and its event when anything changed. */
    private Outcome<Customer> apply(Connection c, Customer current, CustomerChange change) throws SQLException {
        CustomerChanges.Result r = CustomerChanges.apply(current, change, now());
        if (r.changedFields().isEmpty()) {
            return new Outcome<>(current, null);
        }
        customers.update(c, current, r.customer());
        return announce(c, r.customer(), r.changedFields());
    }

    /** Writes the customer's {@code customer.updated} event, dated by its {@code updated_at}. */
    private Outcome<Customer> announce(Connection c, Customer customer, Set<String> fields) throws SQLException {
        return new Outcome<>(customer, outbox.appendCustomer(c, customer.updatedAt(), customer, fields));
    }

    /** Runs {@code work} in a transaction; posts its event only once the transaction has committed. */
    private <T> T change(Database.TransactionWork<Outcome<T>> work) {
        Outcome<T> outcome = db.inTransaction(work);
        HubEvent event = outcome.event();
        if (event != null) {
            EventPublisher.publish(eventAdmin, List.of(event));
        }
        return outcome.value();
    }

    private static ConflictException conflict(String existingId) {
        return new ConflictException("a customer with this e-mail address exists"
                + (existingId == null ? "" : " (id " + existingId + ")"));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no customer with id " + Ids.forMessage(id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
