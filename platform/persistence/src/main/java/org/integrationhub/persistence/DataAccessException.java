package org.integrationhub.persistence;

/**
 * An unexpected database failure (unreachable, constraint the caller did not foresee, ...).
 *
 * @since 0.1.0
 */
public class DataAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was being done @param cause the SQL failure */
    public DataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
