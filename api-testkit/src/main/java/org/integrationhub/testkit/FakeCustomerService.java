package org.integrationhub.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.api.Customer;
import org.integrationhub.api.ConflictException;
import org.integrationhub.api.CustomerChange;
import org.integrationhub.api.CustomerQuery;
import org.integrationhub.api.CustomerService;
import org.integrationhub.api.NewCustomer;
import org.integrationhub.api.Page;
import org.integrationhub.api.TicketQuery;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.api.Person;

/**
 * A {@link CustomerService} in memory with the helpdesk core's rules: customers are identified by their normalised
 * (stripped, lower-case) e-mail, get a ULID on first sight ({@link FakeTicketService#create} creates them, or
 * {@link #add} in a test's arrangement), and a later name only fills in an empty one. {@link #linkExternalId}
 * validates like the core ({@code source} 1 to 64, {@code external_id} 1 to 255 characters, stripped) and throws
 * {@link NotFoundException} for an unknown or malformed id. Thread-safe.
 *
 * @since 0.2.0
 */
public class FakeCustomerService implements CustomerService {

    private final Clock clock;
    private final Ulids ids;
    private final Map<String, Customer> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByEmail = new ConcurrentHashMap<>();
    private final List<Customer> updates = new ArrayList<>();

    /** Customers on the system clock. */
    public FakeCustomerService() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock of creation times and ids */
    public FakeCustomerService(Clock clock) {
        this.clock = clock;
        this.ids = new Ulids(clock);
    }

    @Override
    public Optional<Customer> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String id = idByEmail.get(email.strip().toLowerCase(Locale.ROOT));
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Customer> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Customer linkExternalId(String customerId, String source, String externalId) {
        HelpdeskRules.externalId(source, externalId);
        Customer customer = customerId == null || !Ulids.isValid(customerId) ? null : byId.get(customerId);
        if (customer == null) {
            throw new NotFoundException("no customer with id " + HelpdeskRules.forMessage(customerId));
        }
        Map<String, String> ids = new TreeMap<>(customer.externalIds());
        ids.put(source.strip(), externalId.strip());
        return apply(customer, new CustomerChange(null, null, null, null, Map.of(source.strip(), externalId.strip())));
    }

    @Override
    public Page<Customer> list(CustomerQuery query) {
        int limit = query.limit() == 0 ? TicketQuery.DEFAULT_LIMIT : query.limit();
        HelpdeskRules.limit(limit, TicketQuery.MAX_LIMIT);
        String after = query.cursor() == null ? null : HelpdeskRules.decodeCursor(query.cursor());
        String email = null;
        if (query.email() != null) {
            List<FieldError> errors = new ArrayList<>();
            email = HelpdeskRules.email("email", query.email(), false, errors);
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
        }
        String wanted = email;
        List<Customer> matching = all().stream()
                .filter(c -> wanted == null || c.email().equals(wanted))
                .filter(c -> after == null || c.id().compareTo(after) > 0)
                .limit(limit + 1L).toList();
        if (matching.size() <= limit) {
            return new Page<>(matching, null);
        }
        List<Customer> page = matching.subList(0, limit);
        return new Page<>(page, HelpdeskRules.encodeCursor(page.get(page.size() - 1).id()));
    }

    @Override
    public synchronized Customer create(NewCustomer customer) {
        String email = HelpdeskRules.newCustomer(customer);
        String existing = idByEmail.get(email);
        if (existing != null) {
            throw new ConflictException("a customer with this e-mail address exists (id " + existing + ")");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Customer created = new Customer(ids.next(), email, strip(customer.name()), blankToNull(customer.company()),
                blankToNull(customer.phone()), Map.of(), Map.of(), now, now);
        store(created);
        updates.add(created);
        return created;
    }

    @Override
    public synchronized Customer update(String customerId, CustomerChange change) {
        Customer customer = customerId == null || !Ulids.isValid(customerId) ? null : byId.get(customerId);
        if (customer == null) {
            throw new NotFoundException("no customer with id " + HelpdeskRules.forMessage(customerId));
        }
        return apply(customer, change);
    }

    @Override
    public synchronized Customer updateOrCreate(String email, String name, CustomerChange change) {
        List<FieldError> errors = new ArrayList<>();
        String normalised = HelpdeskRules.email("email", email, true, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Optional<Customer> existing = findByEmail(normalised);
        if (existing.isPresent()) {
            Customer c = existing.get();
            boolean fillName = c.name().isEmpty() && name != null && !name.isBlank() && change.name() == null;
            return apply(c, fillName ? new CustomerChange(name, change.company(), change.phone(), change.attributes(),
                    change.externalIds()) : change);
        }
        HelpdeskRules.customerChange(change, change.attributes().size());
        Customer created = create(new NewCustomer(normalised, change.name() != null ? change.name() : name,
                change.company(), change.phone()));
        updates.remove(updates.size() - 1);
        return apply(created, new CustomerChange(null, null, null, change.attributes(), change.externalIds()), true);
    }

    /**
     * @return every customer state that the core would have announced with {@code customer.updated}, oldest first
     *         (creation through {@link #create} or {@link #updateOrCreate}, and every actual change)
     * @since 0.3.0
     */
    public List<Customer> updates() {
        synchronized (this) {
            return List.copyOf(updates);
        }
    }

    private Customer apply(Customer c, CustomerChange change) {
        return apply(c, change, false);
    }

    private Customer apply(Customer c, CustomerChange change, boolean announceAnyway) {
        Map<String, String> attributes = merge(c.attributes(), change.attributes());
        HelpdeskRules.customerChange(change, attributes.size());
        Map<String, String> externalIds = merge(c.externalIds(), change.externalIds());
        Customer next = new Customer(c.id(), c.email(), change.name() == null ? c.name() : change.name().strip(),
                change.company() == null ? c.company() : blankToNull(change.company()),
                change.phone() == null ? c.phone() : blankToNull(change.phone()), externalIds, attributes,
                c.createdAt(), c.updatedAt());
        if (next.equals(c) && !announceAnyway) {
            return c;
        }
        Customer changed = new Customer(next.id(), next.email(), next.name(), next.company(), next.phone(),
                next.externalIds(), next.attributes(), next.createdAt(),
                Instant.ofEpochMilli(Math.max(clock.millis(), c.updatedAt().toEpochMilli())));
        store(changed);
        updates.add(changed);
        return changed;
    }

    private static Map<String, String> merge(Map<String, String> stored, Map<String, String> change) {
        Map<String, String> merged = new TreeMap<>(stored);
        change.forEach((k, v) -> {
            if (v == null) {
                merged.remove(k == null ? "" : k.strip());
            } else {
                merged.put(k.strip(), v.strip());
            }
        });
        return merged;
    }

    private void store(Customer c) {
        byId.put(c.id(), c);
        idByEmail.put(c.email(), c.id());
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Finds the customer of a (validated, normalised) person or creates it, as the core does when a ticket names
     * it: a name fills in an empty stored name and never overwrites one.
     */
    synchronized Customer upsert(Person person) {
        Optional<Customer> existing = findByEmail(person.email());
        if (existing.isPresent()) {
            Customer c = existing.get();
            if (person.name() == null || person.name().isEmpty() || !c.name().isEmpty()) {
                return c;
            }
            Customer named = new Customer(c.id(), c.email(), person.name(), c.company(), c.phone(), c.externalIds(),
                    c.attributes(), c.createdAt(), c.updatedAt());
            byId.put(named.id(), named);
            return named;
        }
        Customer created = new Customer(ids.next(), person.email(), person.name(), Map.of(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        byId.put(created.id(), created);
        idByEmail.put(created.email(), created.id());
        return created;
    }

    /**
     * Arranges a customer as given (no validation), replacing one of the same id or e-mail: for tests that need a
     * customer in a particular state.
     *
     * @param customer the customer; its e-mail is normalised for lookups
     * @return the customer
     */
    public synchronized Customer add(Customer customer) {
        String email = customer.email().strip().toLowerCase(Locale.ROOT);
        String previous = idByEmail.put(email, customer.id());
        if (previous != null && !previous.equals(customer.id())) {
            byId.remove(previous);
        }
        byId.put(customer.id(), customer);
        return customer;
    }

    /** @return every customer, ordered by id (creation order) */
    public List<Customer> all() {
        return byId.values().stream().sorted(java.util.Comparator.comparing(Customer::id)).toList();
    }
}
