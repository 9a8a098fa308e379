package org.integrationhub.connector.hubspot.internal.sync;

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
 * name is never overwritten: HubSpot's first and last name only fill in a customer without one. Thread-safe.
 */
public final class CustomerEnricher {

    /** The external-id source and attribute namespace. */
    public static final String SOURCE = "hubspot";
    /** Attribute: the contact's lifecycle stage (internal name, e.g. {@code customer}). */
    public static final String LIFECYCLE_STAGE = "hubspot.lifecycle_stage";
    /** Attribute: the contact's total revenue (closed-won deal value). */
    public static final String TOTAL_REVENUE = "hubspot.total_revenue";

    private final HubSpotClient hubspot;
    private final Supplier<CustomerService> customers;

    public CustomerEnricher(HubSpotClient hubspot, Supplier<CustomerService> customers) {
        this.hubspot = hubspot;
        this.customers = customers;
    }

    /** The outcome of an enrichment: the contact found (if any) and the customer after the change (if any). */
    public record Result(Optional<Contact> contact, Optional<Customer> customer) {
    }

    /**
     * Looks the e-mail address up in HubSpot and, when a contact has it, writes the contact onto the hub's customer
     * of that address ({@code updateOrCreate}: created if new). No contact: nothing changes.
     */
    public Result enrich(String email) throws IntegrationException {
        Optional<Contact> contact = hubspot.findByEmail(email);
        if (contact.isEmpty()) {
            return new Result(contact, Optional.empty());
        }
        Contact c = contact.get();
        try {
            return new Result(contact, Optional.of(customers.get().updateOrCreate(email,
                    c.name().isEmpty() ? null : c.name(), change(c))));
        } catch (HubException e) {
            throw refused(c, e);
        }
    }

    /**
     * Re-reads a contact HubSpot said changed and writes it onto the hub's customer with the contact's e-mail
     * address. A contact that is gone, or whose address is no hub customer's, changes nothing.
     *
     * @return the customer after the change, if there is one
     */
    public Optional<Customer> refresh(String contactId) throws IntegrationException {
        Optional<Contact> contact = hubspot.contact(contactId);
        if (contact.isEmpty() || contact.get().email().isEmpty()) {
            return Optional.empty();
        }
        Contact c = contact.get();
        CustomerService service = customers.get();
        Optional<Customer> customer = service.findByEmail(c.email());
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(service.update(customer.get().id(), change(c)));
        } catch (NotFoundException e) {
            return Optional.empty(); // removed meanwhile
        } catch (HubException e) {
            throw refused(c, e);
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
