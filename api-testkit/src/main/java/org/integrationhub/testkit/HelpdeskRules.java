package org.integrationhub.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.integrationhub.api.NewTicket;
import org.integrationhub.api.Person;
import org.integrationhub.api.Priority;
import org.integrationhub.api.TicketUpdate;
import org.integrationhub.api.ValidationException;
import org.integrationhub.api.ValidationException.FieldError;

/**
 * The helpdesk core's input rules, copied from {@code platform/core} (its {@code TicketValidator},
 * {@code CursorCodec} and {@code Ids}, which are internal there): every bad field reported at once by its wire name,
 * input normalised (subjects and names stripped, e-mails lower case). The status machine is not copied: it is
 * {@link org.integrationhub.api.TicketStatus#canTransitionTo}, shared. {@code HelpdeskRulesTest} pins each rule.
 */
final class HelpdeskRules {

    static final int SUBJECT_MAX = 255;
    static final int TEXT_MAX = 100_000;
    static final int EMAIL_MAX = 320;
    static final int NAME_MAX = 255;
    static final int ASSIGNEE_MAX = 320;
    static final int RATING_COMMENT_MAX = 10_000;

    /** Plausible, not RFC 5322: one @, no blanks or control characters, a dotted domain of non-empty labels. */
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");

    private HelpdeskRules() {
    }

    static NewTicket newTicket(NewTicket t) {
        List<FieldError> errors = new ArrayList<>();
        String subject = subject(t.subject(), errors);
        String description = t.description() == null ? "" : t.description();
        max("description", description, TEXT_MAX, errors);
        Person customer = null;
        if (t.customer() == null) {
            errors.add(new FieldError("customer", "is required"));
        } else {
            String email = email("customer.email", t.customer().email(), true, errors);
            String name = name("customer.name", t.customer().name(), errors);
            customer = new Person(email, name == null ? "" : name);
        }
        String assignee = assignee(t.assignee(), errors);
        throwIfAny(errors);
        return new NewTicket(subject, description, t.priority() == null ? Priority.NORMAL : t.priority(), customer,
                assignee);
    }

    static TicketUpdate update(TicketUpdate u) {
        List<FieldError> errors = new ArrayList<>();
        String subject = u.subject() == null ? null : subject(u.subject(), errors);
        if (u.description() != null) {
            max("description", u.description(), TEXT_MAX, errors);
        }
        Optional<String> assignee = u.assignee() == null ? null
                : u.assignee().isEmpty() ? Optional.empty() : Optional.ofNullable(assignee(u.assignee().get(), errors));
        throwIfAny(errors);
        return new TicketUpdate(subject, u.description(), u.priority(), u.status(), assignee);
    }

    /** @return the normalised author; both members may be null */
    static Person comment(Person author, String body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || body.isBlank()) {
            errors.add(new FieldError("body", "is required"));
        } else {
            max("body", body, TEXT_MAX, errors);
        }
        Person normalised = author == null ? new Person(null, null)
                : new Person(email("author.email", author.email(), false, errors),
                        name("author.name", author.name(), errors));
        throwIfAny(errors);
        return normalised;
    }

    static void rating(int score, String comment) {
        List<FieldError> errors = new ArrayList<>();
        if (score < 1 || score > 5) {
            errors.add(new FieldError("score", "must be between 1 and 5"));
        }
        if (comment != null) {
            max("comment", comment, RATING_COMMENT_MAX, errors);
        }
        throwIfAny(errors);
    }

    static void externalId(String source, String externalId) {
        List<FieldError> errors = new ArrayList<>();
        if (source == null || source.isBlank()) {
            errors.add(new FieldError("source", "is required"));
        } else {
            max("source", source.strip(), 64, errors);
        }
        if (externalId == null || externalId.isBlank()) {
            errors.add(new FieldError("external_id", "is required"));
        } else {
            max("external_id", externalId.strip(), 255, errors);
        }
        throwIfAny(errors);
    }

    static final int COMPANY_MAX = 255;
    static final int PHONE_MAX = 64;
    static final int ATTRIBUTE_KEY_MAX = 100;
    static final int ATTRIBUTE_VALUE_MAX = 1000;
    static final int ATTRIBUTES_MAX = 100;
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1," + ATTRIBUTE_KEY_MAX + "}");

    /** Validates a new customer's fields as the core does; returns the normalised e-mail. */
    static String newCustomer(org.integrationhub.api.NewCustomer c) {
        List<FieldError> errors = new ArrayList<>();
        String email = email("email", c == null ? null : c.email(), true, errors);
        if (c != null) {
            max("name", stripped(c.name()), NAME_MAX, errors);
            max("company", stripped(c.company()), COMPANY_MAX, errors);
            max("phone", stripped(c.phone()), PHONE_MAX, errors);
        }
        throwIfAny(errors);
        return email;
    }

    /**
     * Validates a customer change as the core does: name, company and phone lengths; attribute keys of 1 to 100
     * letters, digits, {@code . _ : -}; values up to 1000 characters; at most 100 attributes after the change;
     * external ids as {@link #externalId}.
     */
    static void customerChange(org.integrationhub.api.CustomerChange c, int attributesAfter) {
        List<FieldError> errors = new ArrayList<>();
        max("name", stripped(c.name()), NAME_MAX, errors);
        max("company", stripped(c.company()), COMPANY_MAX, errors);
        max("phone", stripped(c.phone()), PHONE_MAX, errors);
        c.attributes().forEach((k, v) -> {
            if (k == null || !ATTRIBUTE_KEY.matcher(k).matches()) {
                errors.add(new FieldError("attributes", "keys are 1 to " + ATTRIBUTE_KEY_MAX
                        + " letters, digits, '.', '_', ':' or '-'"));
            } else if (v != null && v.strip().length() > ATTRIBUTE_VALUE_MAX) {
                errors.add(new FieldError("attributes." + k, "must be at most " + ATTRIBUTE_VALUE_MAX + " characters"));
            }
        });
        if (attributesAfter > ATTRIBUTES_MAX) {
            errors.add(new FieldError("attributes", "a customer has at most " + ATTRIBUTES_MAX + " attributes"));
        }
        throwIfAny(errors);
        c.externalIds().forEach((k, v) -> {
            if (v != null) {
                externalId(k, v);
            } else if (k == null || k.isBlank()) {
                throw new ValidationException("source", "is required");
            }
        });
    }

    /** @return the normalised e-mail, or null if absent (or invalid, with an error added) */
    static String email(String field, String value, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String email = value.strip().toLowerCase(Locale.ROOT);
        if (email.length() > EMAIL_MAX) {
            errors.add(new FieldError(field, "must be at most " + EMAIL_MAX + " characters"));
        } else if (!EMAIL.matcher(email).matches()) {
            errors.add(new FieldError(field, "must be an e-mail address"));
        }
        return email;
    }

    /** @param limit a page size @throws ValidationException ({@code limit}) unless 1 to 200 */
    static void limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new ValidationException("limit", "must be between 1 and " + max);
        }
    }

    /** @return the opaque cursor after the ticket {@code lastId}: base64url (unpadded) of the id */
    static String encodeCursor(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return the id a cursor carries @throws ValidationException ({@code cursor}) if it is not one */
    static String decodeCursor(String cursor) {
        if (cursor.length() <= 64) {
            try {
                String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                if (Ulids.isValid(id)) {
                    return id;
                }
            } catch (IllegalArgumentException e) {
                // falls through to the validation error
            }
        }
        throw new ValidationException("cursor", "malformed cursor; pass the next_cursor of a previous page");
    }

    /** @return {@code id} shortened for an error message, so callers never get an arbitrary long string back */
    static String forMessage(String id) {
        if (id == null) {
            return "null";
        }
        return id.length() <= 40 ? id : id.substring(0, 40) + "...";
    }

    private static String subject(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("subject", "is required"));
            return null;
        }
        String subject = value.strip();
        max("subject", subject, SUBJECT_MAX, errors);
        return subject;
    }

    private static String name(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        String name = value.strip();
        max(field, name, NAME_MAX, errors);
        return name;
    }

    private static String assignee(String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        String assignee = value.strip();
        if (assignee.isEmpty()) {
            errors.add(new FieldError("assignee", "must not be blank (omit it, or send null to unassign)"));
        }
        max("assignee", assignee, ASSIGNEE_MAX, errors);
        return assignee;
    }

    private static String stripped(String value) {
        return value == null ? null : value.strip();
    }

    private static void max(String field, String value, int max, List<FieldError> errors) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
