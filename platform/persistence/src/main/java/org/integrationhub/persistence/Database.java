package org.integrationhub.persistence;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's database, registered as a service only once its schema is migrated to the current version, so a
 * component that references it may use every table at once.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
@ProviderType
public interface Database {

    /** Which SQL dialect the database speaks; the schema is the same on both. */
    enum Dialect {
        H2, POSTGRESQL
    }

    /** @return the dialect */
    Dialect dialect();

    /** @return the pooled data source (for read-only work outside {@link #inTransaction}) */
    DataSource dataSource();

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
     *
     * @param <T> the result type
     * @param work the work; must not commit, roll back or close the connection itself
     * @return what {@code work} returned
     * @throws DataAccessException wrapping an {@link SQLException}; unchecked exceptions of {@code work} pass through
     */
    <T> T inTransaction(TransactionWork<T> work);

    /**
     * Work done with a connection inside a transaction.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    interface TransactionWork<T> {
        /**
         * @param connection the transaction's connection (auto-commit off)
         * @return a result
         * @throws SQLException on database failure (the transaction is then rolled back)
         */
        T execute(Connection connection) throws SQLException;
    }
}
