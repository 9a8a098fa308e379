package org.integrationhub.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.integrationhub.api.CustomerChange;
import org.integrationhub.api.NewCustomer;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;

/**
 * Checks and normalises customer input like {@link TicketValidator} does for tickets: every bad field at once, by
 * its wire name; text stripped, e-mails lower case, a blank company or phone is none.
 */
final class CustomerValidator {

    static final int COMPANY_MAX = 255;
    static final int PHONE_MAX = 64;
    static final int ATTRIBUTE_KEY_MAX = 100;
    static final int ATTRIBUTE_VALUE_MAX = 1000;
    static final int ATTRIBUTES_MAX = 100;
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1," + ATTRIBUTE_KEY_MAX + "}");

    private CustomerValidator() {
    }

    /** @return the customer normalised: e-mail lower case, name stripped ("" if none), blank company/phone null */
    static NewCustomer newCustomer(NewCustomer c) {
        List<FieldError> errors = new ArrayList<>();
        if (c == null) {
            throw new ValidationException("email", "is required");
        }
        String email = TicketValidator.email("email", c.email(), true, errors);
        String name = text("name", c.name(), TicketValidator.NAME_MAX, errors);
        String company = text("company", c.company(), COMPANY_MAX, errors);
        String phone = text("phone", c.phone(), PHONE_MAX, errors);
        throwIfAny(errors);
        return new NewCustomer(email, name == null ? "" : name, blankToNull(company), blankToNull(phone));
    }

    /** @return the normalised e-mail of {@code updateOrCreate} and the customer list filter */
    static String email(String email, boolean required) {
        List<FieldError> errors = new ArrayList<>();
        String normalised = TicketValidator.email("email", email, required, errors);
        throwIfAny(errors);
        return normalised;
    }

    /** @return a display name stripped, or null; at most {@value TicketValidator#NAME_MAX} characters */
    static String name(String name) {
        List<FieldError> errors = new ArrayList<>();
        String stripped = text("name", name, TicketValidator.NAME_MAX, errors);
        throwIfAny(errors);
        return stripped;
    }

    /**
     * Checks a change: name, company and phone lengths; attribute keys of 1 to {@value #ATTRIBUTE_KEY_MAX} letters,
     * digits, {@code . _ : -}; values up to {@value #ATTRIBUTE_VALUE_MAX} characters; external ids as
     * {@link TicketValidator#externalId}. The number of attributes after the change is checked by
     * {@link CustomerChanges}, which knows the stored ones.
     *
     * @return the change with every text stripped (null members stay null: they mean "keep" or "remove")
     */
    static CustomerChange change(CustomerChange c) {
        List<FieldError> errors = new ArrayList<>();
        String name = text("name", c.name(), TicketValidator.NAME_MAX, errors);
        String company = text("company", c.company(), COMPANY_MAX, errors);
        String phone = text("phone", c.phone(), PHONE_MAX, errors);
        Map<String, String> attributes = new LinkedHashMap<>();
        c.attributes().forEach((k, v) -> {
            if (k == null || !ATTRIBUTE_KEY.matcher(k).matches()) {
                errors.add(new FieldError("attributes", "keys are 1 to " + ATTRIBUTE_KEY_MAX
                        + " letters, digits, '.', '_', ':' or '-'"));
            } else if (v != null && v.strip().length() > ATTRIBUTE_VALUE_MAX) {
                errors.add(new FieldError("attributes." + k, "must be at most " + ATTRIBUTE_VALUE_MAX + " characters"));
            } else {
                attributes.put(k, v == null ? null : v.strip());
            }
        });
        throwIfAny(errors);
        Map<String, String> externalIds = new LinkedHashMap<>();
        c.externalIds().forEach((source, id) -> {
            if (id != null) {
                TicketValidator.externalId(source, id);
                externalIds.put(source.strip(), id.strip());
            } else if (source == null || source.isBlank()) {
                throw new ValidationException("source", "is required");
            } else {
                externalIds.put(source.strip(), null);
            }
        });
        return new CustomerChange(name, company, phone, attributes, externalIds);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** @return {@code value} stripped (null stays null), an error added if it is longer than {@code max} */
    private static String text(String field, String value, int max, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
        return stripped;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
