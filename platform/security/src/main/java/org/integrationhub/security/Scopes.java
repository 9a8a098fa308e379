package org.integrationhub.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.integrationhub.api.ValidationException;

/**
 * The scopes a client can be granted. {@link #ADMIN} implies every other scope.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Scopes {

    /** Read tickets, comments, ratings and ticket events. */
    public static final String TICKETS_READ = "tickets:read";
    /** Create and change tickets, comment and rate them. */
    public static final String TICKETS_WRITE = "tickets:write";
    /** Read customers (list by e-mail, show one). @since 0.2.0 */
    public static final String CUSTOMERS_READ = "customers:read";
    /** Create and change customers. @since 0.2.0 */
    public static final String CUSTOMERS_WRITE = "customers:write";
    /** Create, change and delete webhook endpoints and inspect their deliveries. */
    public static final String WEBHOOKS_MANAGE = "webhooks:manage";
    /** List integrations (connectors) and their status. */
    public static final String INTEGRATIONS_READ = "integrations:read";
    /** Execute integration actions. */
    public static final String INTEGRATIONS_EXECUTE = "integrations:execute";
    /** Scrape the Prometheus metrics ({@code GET /metrics}). @since 0.2.0 */
    public static final String METRICS_READ = "metrics:read";
    /** Everything: implies every other scope. */
    public static final String ADMIN = "admin";

    /** Every scope name, in the order of the contract. */
    public static final List<String> ALL = List.of(TICKETS_READ, TICKETS_WRITE, CUSTOMERS_READ, CUSTOMERS_WRITE,
            WEBHOOKS_MANAGE, INTEGRATIONS_READ, INTEGRATIONS_EXECUTE, METRICS_READ, ADMIN);

    private Scopes() {
    }

    /**
     * @param scope a scope name, may be null
     * @return whether it is one of {@link #ALL} (case-sensitive)
     */
    public static boolean isValid(String scope) {
        return scope != null && ALL.contains(scope);
    }

    /**
     * @param granted the scopes a client holds; not null
     * @param required the scope an operation needs; not null
     * @return whether {@code granted} contains {@code required} or {@link #ADMIN}
     */
    public static boolean implies(Collection<String> granted, String required) {
        return granted.contains(required) || granted.contains(ADMIN);
    }

    /**
     * Checks scope names and returns them as a sorted set.
     *
     * @param scopes the scope names; null is treated as empty
     * @param field the field name to report errors under, e.g. {@code "scopes"}
     * @return the scopes, sorted and de-duplicated
     * @throws ValidationException naming every unknown scope and the allowed ones
     */
    public static Set<String> validate(Collection<String> scopes, String field) {
        Set<String> result = new TreeSet<>();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        if (scopes != null) {
            for (String s : scopes) {
                if (isValid(s)) {
                    result.add(s);
                } else {
                    errors.add(new ValidationException.FieldError(field,
                            "unknown scope '" + s + "'; allowed: " + String.join(", ", ALL)));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return Set.copyOf(result);
    }

    /**
     * Parses a space-separated scope string (the form OAuth2 and the {@code api_key} table use).
     *
     * @param spaceSeparated e.g. {@code "tickets:read tickets:write"}; null or blank gives the empty set
     * @return the scope names as written (not validated)
     */
    public static Set<String> parse(String spaceSeparated) {
        Set<String> result = new TreeSet<>();
        if (spaceSeparated != null) {
            for (String s : spaceSeparated.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    result.add(s);
                }
            }
        }
        return Set.copyOf(result);
    }

    /**
     * @param scopes scope names
     * @return them sorted and joined with single spaces
     */
    public static String format(Collection<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }
}
