package org.integrationhub.core.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.integrationhub.api.Customer;
import org.integrationhub.api.CustomerChange;
import org.integrationhub.api.ValidationException;

/**
 * Applies a (validated) merge-patch {@link CustomerChange} to a customer and names the fields it changed, by their
 * wire names: {@code name}, {@code company}, {@code phone}, {@code external_ids}, {@code attributes}.
 */
final class CustomerChanges {

    /**
     * @param customer the customer after the change
     * @param changedFields the wire names of the fields that changed; empty for a no-op
     */
    record Result(Customer customer, Set<String> changedFields) {
    }

    private CustomerChanges() {
    }

    /**
     * @param now the change's time, the customer's {@code updated_at} when anything changed
     * @throws ValidationException ({@code attributes}) when the customer would have more than
     *         {@value CustomerValidator#ATTRIBUTES_MAX} attributes
     */
    static Result apply(Customer c, CustomerChange change, Instant now) {
        Set<String> changed = new LinkedHashSet<>();
        String name = pick(c.name(), change.name(), change.name(), changed, "name");
        String company = pick(c.company(), change.company(), CustomerValidator.blankToNull(change.company()),
                changed, "company");
        String phone = pick(c.phone(), change.phone(), CustomerValidator.blankToNull(change.phone()), changed,
                "phone");
        Map<String, String> externalIds = merge(c.externalIds(), change.externalIds(), "external_ids", changed);
        Map<String, String> attributes = merge(c.attributes(), change.attributes(), "attributes", changed);
        if (attributes.size() > CustomerValidator.ATTRIBUTES_MAX) {
            throw new ValidationException("attributes", "a customer has at most " + CustomerValidator.ATTRIBUTES_MAX
                    + " attributes");
        }
        if (changed.isEmpty()) {
            return new Result(c, Set.of());
        }
        Instant updatedAt = now.isAfter(c.updatedAt()) ? now : c.updatedAt();
        return new Result(new Customer(c.id(), c.email(), name, company, phone, externalIds, attributes,
                c.createdAt(), updatedAt), Set.copyOf(changed));
    }

    /** @return the fields a new customer has, as the {@code changed_fields} of its creation ({@code email} first) */
    static Set<String> created(Customer c) {
        Set<String> fields = new LinkedHashSet<>();
        fields.add("email");
        if (!c.name().isEmpty()) {
            fields.add("name");
        }
        if (c.company() != null) {
            fields.add("company");
        }
        if (c.phone() != null) {
            fields.add("phone");
        }
        if (!c.externalIds().isEmpty()) {
            fields.add("external_ids");
        }
        if (!c.attributes().isEmpty()) {
            fields.add("attributes");
        }
        return Set.copyOf(fields);
    }

    /**
     * @param given the change's value: null keeps the current one
     * @param next what to store when it is given (null for a value that clears)
     */
    private static String pick(String current, String given, String next, Set<String> changed, String field) {
        if (given == null || Objects.equals(current, next)) {
            return current;
        }
        changed.add(field);
        return next;
    }

    private static Map<String, String> merge(Map<String, String> stored, Map<String, String> patch, String field,
            Set<String> changed) {
        Map<String, String> merged = new TreeMap<>(stored);
        patch.forEach((k, v) -> {
            if (v == null) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        if (!merged.equals(stored)) {
            changed.add(field);
        }
        return merged;
    }
}
