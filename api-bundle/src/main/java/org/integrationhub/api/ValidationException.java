package org.integrationhub.api;

import java.util.List;

/**
 * The input is well-formed but not valid; carries one entry per offending field.
 *
 * @since 0.1.0
 */
public class ValidationException extends HubException {
    private static final long serialVersionUID = 1L;

    /**
     * One invalid field.
     *
     * @param field the field's name as on the wire, e.g. {@code "customer.email"}
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    /** @param errors the invalid fields; not empty */
    public ValidationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    /** @param field the field @param message the problem */
    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** @return the invalid fields */
    public List<FieldError> errors() {
        return errors;
    }
}
