package org.integrationhub.rest.json;

import java.util.List;

import org.integrationhub.api.ValidationException.FieldError;

/**
 * A client error detected before the domain is asked (bad query parameter, badly shaped body, body too large): any
 * resource of {@code /api/v1} may throw it, and the REST bundle answers it as the problem it describes.
 *
 * @since 0.1.0
 */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient List<FieldError> errors;

    /**
     * @param type a {@link Problem#TYPE_PREFIX} slug, or null for about:blank
     * @param errors field errors, or null
     */
    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** @return a 400 "Invalid request" problem listing the offending fields or parameters */
    public static ProblemException invalidRequest(String detail, List<FieldError> errors) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail, errors);
    }

    /** @return a 413 problem for a body over {@code maxBytes} */
    public static ProblemException payloadTooLarge(long maxBytes) {
        return new ProblemException(413, "payload-too-large", "Payload Too Large",
                "The request body exceeds the limit of " + maxBytes + " bytes", null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
