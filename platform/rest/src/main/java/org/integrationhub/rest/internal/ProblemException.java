package org.integrationhub.rest.internal;

import java.util.List;

import org.integrationhub.api.ValidationException.FieldError;

/** A client error the REST layer itself detects (bad query parameter, badly shaped body, body too large). */
final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient List<FieldError> errors;

    ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** @return a 400 "Invalid request" problem listing the offending fields or parameters */
    static ProblemException invalidRequest(String detail, List<FieldError> errors) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail, errors);
    }

    /** @return a 413 problem for a body over {@code maxBytes} */
    static ProblemException payloadTooLarge(long maxBytes) {
        return new ProblemException(413, "payload-too-large", "Payload Too Large",
                "The request body exceeds the limit of " + maxBytes + " bytes", null);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }

    List<FieldError> errors() {
        return errors;
    }
}
