package org.integrationhub.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.integrationhub.persistence.DataAccessException;
import org.integrationhub.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Migrates the hub's DataSource on activation and then offers it as the {@link Database} service. */
@Component(service = Database.class, configurationPid = "org.integrationhub.persistence")
@Designate(ocd = DatabaseImpl.Config.class)
public class DatabaseImpl implements Database {

    @ObjectClassDefinition(name = "Integration Hub database",
            description = "Which javax.sql.DataSource service the hub stores its data in.")
    public @interface Config {
        @AttributeDefinition(name = "DataSource filter",
                description = "LDAP filter selecting the DataSource service (pax-jdbc-config sets dataSourceName "
                        + "from etc/org.ops4j.datasource-*.cfg).")
        String dataSource_target() default "(dataSourceName=hub)";
    }

    private final Logger logger = LoggerFactory.getLogger(DatabaseImpl.class);
    private final DataSource dataSource;
    private final Dialect dialect;

    @Activate
    public DatabaseImpl(@Reference(name = "dataSource") DataSource dataSource) {
        this.dataSource = dataSource;
        this.dialect = detectDialect(dataSource);
        String version = Migrations.migrate(dataSource);
        logger.info("Hub database ready ({}), schema version {}", dialect, version);
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        return Transactions.run(dataSource, work);
    }

    static Dialect detectDialect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return Dialect.POSTGRESQL;
            }
            if (product.contains("h2")) {
                return Dialect.H2;
            }
            throw new DataAccessException("unsupported database: " + product + " (use H2 or PostgreSQL)", null);
        } catch (SQLException e) {
            throw new DataAccessException("cannot connect to the hub database: " + e.getMessage(), e);
        }
    }
}
