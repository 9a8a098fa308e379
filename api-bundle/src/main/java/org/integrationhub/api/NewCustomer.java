package org.integrationhub.api;

/**
 * A customer to create.
 *
 * @param email e-mail address (required, validated, stored lower-case)
 * @param name display name, or null
 * @param company company, or null
 * @param phone phone number, or null
 * @since 0.3.0
 */
public record NewCustomer(String email, String name, String company, String phone) {
}
