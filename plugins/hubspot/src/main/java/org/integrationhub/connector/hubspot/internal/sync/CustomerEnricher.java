package org.integrationhub.connector.hubspot.internal.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerChange;
import org.integrationhub.api.CustomerService;
import org.integrationhub.api.HubException;
import org.integrationhub.api.NotFoundException;
import org.integrationhub.connector.hubspot.internal.client.Contact;
import org.integrationhub.connector.hubspot.internal.client.HubSpotClient;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

/**
 * HubSpot contact → hub customer. What a contact gives: {@code company} and {@code phone} (set when HubSpot has a
 * value; an empty one in HubSpot never clears what the hub has, since another source, e.g. Salesforce, may have set
 * it), the attributes {@value #LIFECYCLE_STAGE} and {@value #TOTAL_REVENUE} (mirrored: removed when empty in HubSpot,
 * the {@code hubspot.} namespace being this connector's), and {@code external_ids.hubspot} = the contact id. The
 * name is never overwritten: HubSpot's first and last name only fill in a customer without one.
 * <p>
 * Two reads of one contact may finish in either order (two webhook requests, or a webhook and a ticket's lookup, run
 * concurrently): a contact read that HubSpot last changed before the one written last (its {@code updatedAt}) is not
 * written, so an older read never overwrites a newer one. The newest write per contact is remembered for the last
 * {@value #REMEMBERED} contacts, in memory (per node). Thread-safe.
 */
public final class CustomerEnricher {

    /** The external-id source and attribute namespace. */
    public static final String SOURCE = "hubspot";
    /** Attribute: the contact's lifecycle stage (internal name, e.g. {@code customer}). */
    public static final String LIFECYCLE_STAGE = "hubspot.lifecycle_stage";
    /** Attribute: the contact's total revenue (closed-won deal value). */
    public static final String TOTAL_REVENUE = "hubspot.total_revenue";
    /** How many contacts' last written {@code updatedAt} are remembered. */
    static final int REMEMBERED = 10_000;

    private final HubSpotClient hubspot;
    private final Supplier<CustomerService> customers;
    /** contact id → updatedAt of the read written last; guarded by itself (compare and write are one step). */
    private final Map<String, Instant> written = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    public CustomerEnricher(HubSpotClient hubspot, Supplier<CustomerService> customers) {
        this.hubspot = hubspot;
        this.customers = customers;
    }

    /** The outcome of an enrichment: the contact found (if any) and the customer after the change (if any). */
    public record Result(Optional<Contact> contact, Optional<Customer> customer) {
    }

    /**
     * Looks the e-mail address up in HubSpot and, when a contact has it, writes the contact onto the hub's customer
     * of that address ({@code updateOrCreate}: created if new). No contact: nothing changes. A contact read older
     * than one written meanwhile leaves the customer as it is.
     */
    public Result enrich(String email) throws IntegrationException {
        Optional<Contact> contact = hubspot.findByEmail(email);
        if (contact.isEmpty()) {
            return new Result(contact, Optional.empty());
        }
        Contact c = contact.get();
        CustomerService service = customers.get();
        try {
            synchronized (written) {
                if (isOlderThanWritten(c)) {
                    return new Result(contact, service.findByEmail(email));
                }
                Customer customer = service.updateOrCreate(email, c.name().isEmpty() ? null : c.name(), change(c));
                remember(c);
                return new Result(contact, Optional.of(customer));
            }
        } catch (HubException e) {
            throw refused(c, e);
        }
    }

    /**
     * Re-reads a contact HubSpot said changed and writes it onto the hub's customer with the contact's e-mail
     * address. A contact that is gone, whose address is no hub customer's, or whose read is older than one written
     * meanwhile changes nothing.
     *
     * @param contactId the contact's record id
     * @param maxWait how long the read may take at most
     * @return the customer after the change, if it changed
     */
    public Optional<Customer> refresh(String contactId, Duration maxWait) throws IntegrationException {
        Optional<Contact> contact = hubspot.contact(contactId, maxWait);
        if (contact.isEmpty() || contact.get().email().isEmpty()) {
            return Optional.empty();
        }
        Contact c = contact.get();
        CustomerService service = customers.get();
        try {
            synchronized (written) {
                Optional<Customer> customer = service.findByEmail(c.email());
                if (customer.isEmpty() || isOlderThanWritten(c)) {
                    return Optional.empty();
                }
                Customer updated = service.update(customer.get().id(), change(c));
                remember(c);
                return Optional.of(updated);
            }
        } catch (NotFoundException e) {
            return Optional.empty(); // removed meanwhile
        } catch (HubException e) {
            throw refused(c, e);
        }
    }

    private boolean isOlderThanWritten(Contact c) {
        Instant last = written.get(c.id());
        return last != null && c.updatedAt() != null && c.updatedAt().isBefore(last);
    }

    private void remember(Contact c) {
        if (c.updatedAt() != null) {
            written.merge(c.id(), c.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** @return the change a contact makes to its customer (see the class comment) */
    public static CustomerChange change(Contact c) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(LIFECYCLE_STAGE, emptyToNull(c.lifecycleStage()));
        attributes.put(TOTAL_REVENUE, emptyToNull(c.totalRevenue()));
        return new CustomerChange(null, emptyToNull(c.company()), emptyToNull(c.phone()), attributes,
                Map.of(SOURCE, c.id()));
    }

    private static IntegrationException refused(Contact c, HubException e) {
        return new IntegrationException(ErrorCategory.REMOTE, "the hub refused the values of HubSpot contact "
                + c.id() + ": " + e.getMessage(), null);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
