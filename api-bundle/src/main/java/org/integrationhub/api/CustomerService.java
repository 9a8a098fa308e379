package org.integrationhub.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Customers, identified by e-mail. Tickets create their customer on first sight.
 *
 * @since 0.1.0
 */
@ProviderType
public interface CustomerService {

    /**
     * @param email an e-mail address, case-insensitive
     * @return the customer, if known
     */
    Optional<Customer> findByEmail(String email);

    /**
     * Records the id a customer has in another system (e.g. a Salesforce contact id); since 0.3.0 a change emits
     * {@link EventType#CUSTOMER_UPDATED}.
     *
     * @param customerId the customer's ULID
     * @param source the other system, e.g. {@code "salesforce"}
     * @param externalId the id there
     * @return the customer after the change
     */
    Customer linkExternalId(String customerId, String source, String externalId);
    /**
     * @param id a customer id
     * @return the customer, if known (a malformed id is simply unknown)
     * @since 0.3.0
     */
    Optional<Customer> find(String id);

    /**
     * @param query filter and page
     * @return one page of customers in id order
     * @throws ValidationException for a bad limit, cursor or e-mail
     * @since 0.3.0
     */
    Page<Customer> list(CustomerQuery query);

    /**
     * Creates a customer and emits {@link EventType#CUSTOMER_UPDATED}.
     *
     * @param customer the new customer
     * @return the stored customer
     * @throws ValidationException for a missing or malformed e-mail or an over-long field
     * @throws ConflictException when a customer with this e-mail address exists
     * @since 0.3.0
     */
    Customer create(NewCustomer customer);

    /**
     * Applies a change; when anything actually changed, stores it and emits {@link EventType#CUSTOMER_UPDATED} in
     * the same transaction.
     *
     * @param customerId the customer's ULID
     * @param change what to change
     * @return the customer after the change
     * @throws NotFoundException for an unknown id
     * @throws ValidationException for an over-long or malformed value
     * @since 0.3.0
     */
    Customer update(String customerId, CustomerChange change);

    /**
     * The connector API of the original design: finds the customer by e-mail (creating it, with {@code name}, if
     * new) and applies the change, in one transaction; emits {@link EventType#CUSTOMER_UPDATED} when the customer
     * was created or changed.
     *
     * @param email the customer's e-mail address, compared case-insensitively
     * @param name display name for a new customer (also fills in an empty stored name); may be null
     * @param change what to change
     * @return the customer after the change
     * @throws ValidationException for a malformed e-mail or value
     * @since 0.3.0
     */
    Customer updateOrCreate(String email, String name, CustomerChange change);
}
