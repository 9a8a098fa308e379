package org.integrationhub.api;

/**
 * A name and e-mail address as given by a caller: a ticket's customer or a comment's author.
 *
 * @param email e-mail address; required where a customer is identified by it
 * @param name display name; may be null
 * @since 0.1.0
 */
public record Person(String email, String name) {
}
