package org.integrationhub.testkit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerService;
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

    /**
     * @param id a customer id
     * @return the customer, if known
     */
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
        Customer changed = new Customer(customer.id(), customer.email(), customer.name(), ids, customer.createdAt());
        byId.put(changed.id(), changed);
        return changed;
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
            Customer named = new Customer(c.id(), c.email(), person.name(), c.externalIds(), c.createdAt());
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
