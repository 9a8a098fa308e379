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
     * Records the id a customer has in another system (e.g. a Salesforce contact id).
     *
     * @param customerId the customer's ULID
     * @param source the other system, e.g. {@code "salesforce"}
     * @param externalId the id there
     * @return the customer after the change
     */
    Customer linkExternalId(String customerId, String source, String externalId);
}
