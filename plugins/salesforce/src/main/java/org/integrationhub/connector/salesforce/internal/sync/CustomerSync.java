package org.integrationhub.connector.salesforce.internal.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerChange;
import org.integrationhub.api.CustomerService;
import org.integrationhub.api.ValidationException;
import org.integrationhub.connector.salesforce.internal.client.SalesforceClient;
import org.integrationhub.connector.salesforce.internal.client.Soql;
import org.integrationhub.spi.ErrorCategory;
import org.integrationhub.spi.IntegrationException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The customer side: the Contact with the customer's e-mail ({@code SELECT Id, Name, Email, AccountId FROM Contact
 * WHERE Email = '…' LIMIT 1}, the value validated and escaped by {@link Soql}) becomes the customer's
 * {@code external_ids.salesforce}; its Account becomes the customer's {@code company} (the Account's Name when the
 * user may read it, else the AccountId) and the attribute {@code salesforce.account_id}. Written with
 * {@link CustomerService#updateOrCreate}, which changes (and announces) the customer only when something differs, so
 * repeating a sync is harmless.
 */
public final class CustomerSync {

    /** The source name of the customer's external id, and the prefix of its attributes. */
    public static final String SOURCE = "salesforce";
    /** Attribute holding the Contact's AccountId. */
    public static final String ACCOUNT_ID = SOURCE + ".account_id";

    /** A Contact as the query answers it; {@code accountId}/{@code accountName} are "" when absent or unreadable. */
    public record Contact(String id, String name, String email, String accountId, String accountName) {
        /** @return the customer's company: the Account's name, else its id, else null (nothing to change) */
        String company() {
            return !accountName.isBlank() ? accountName : accountId.isEmpty() ? null : accountId;
        }
    }

    /** What a sync found and did: the Contact (if any) and the customer after the change (null if none exists). */
    public record Outcome(String email, Optional<Contact> contact, Customer customer) {
    }

    private final SalesforceClient salesforce;
    private final Supplier<CustomerService> customers;

    public CustomerSync(SalesforceClient salesforce, Supplier<CustomerService> customers) {
        this.salesforce = salesforce;
        this.customers = customers;
    }

    /**
     * @param email the customer's e-mail address
     * @return the query that finds its Contact; the address is validated and escaped
     * @throws IntegrationException CONFIGURATION for an address that is not one
     */
    public static String contactQuery(String email) throws IntegrationException {
        try {
            return "SELECT Id, Name, Email, AccountId FROM Contact WHERE Email = " + Soql.literal(Soql.email(email))
                    + " LIMIT 1";
        } catch (IllegalArgumentException e) {
            throw new IntegrationException(ErrorCategory.CONFIGURATION, e.getMessage(), null);
        }
    }

    /**
     * Finds the Contact of an e-mail address and records it on the customer (creating the customer if new and a
     * Contact exists).
     *
     * @param email the address
     * @param name the customer's name, for a customer created here
     * @return what was found and the customer after the change
     */
    public Outcome sync(String email, String name) throws IntegrationException {
        Optional<Contact> contact = find(email);
        if (contact.isEmpty()) {
            return new Outcome(email, contact, customers.get().findByEmail(email).orElse(null));
        }
        Contact c = contact.get();
        Map<String, String> attributes = new HashMap<>();
        if (!c.accountId().isEmpty()) {
            attributes.put(ACCOUNT_ID, c.accountId());
        }
        CustomerChange change = new CustomerChange(null, c.company(), null, attributes, Map.of(SOURCE, c.id()));
        try {
            String newName = name == null || name.isBlank() ? c.name() : name;
            return new Outcome(email, contact, customers.get().updateOrCreate(email, newName, change));
        } catch (ValidationException e) {
            throw new IntegrationException(ErrorCategory.REMOTE, "the Contact " + c.id() + " does not fit the "
                    + "customer: " + e.getMessage(), null);
        }
    }

    /** @return the Contact with the address, with its Account's name when readable */
    public Optional<Contact> find(String email) throws IntegrationException {
        List<JsonNode> records = salesforce.query(contactQuery(email), "find the Contact by e-mail");
        if (records.isEmpty()) {
            return Optional.empty();
        }
        JsonNode r = records.get(0);
        String id = r.path("Id").asText("");
        if (!SalesforceClient.RECORD_ID.matcher(id).matches()) {
            throw new IntegrationException(ErrorCategory.REMOTE, "Salesforce answered the Contact query without a "
                    + "Contact Id", null);
        }
        String accountId = r.path("AccountId").asText("");
        String accountName = "";
        if (SalesforceClient.RECORD_ID.matcher(accountId).matches()) {
            accountName = salesforce.record("Account", accountId, "Name", "read the Contact's Account")
                    .map(a -> a.path("Name").asText("")).orElse("");
        } else {
            accountId = "";
        }
        return Optional.of(new Contact(id, r.path("Name").asText(""), r.path("Email").asText(""), accountId,
                accountName));
    }
}
