package org.integrationhub.persistence.internal;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the schema to the current version with Flyway; the migrations live in this bundle. */
final class Migrations {

    static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** @return the schema version after migrating */
    static String migrate(DataSource dataSource) {
        ClassLoader loader = Migrations.class.getClassLoader();
        Flyway flyway = Flyway.configure(loader)
                .dataSource(dataSource)
                .locations(LOCATION)
                .table("hub_schema_history")
                .baselineOnMigrate(false)
                // several teams add migrations concurrently (numbered by area); allow applying a lower one later
                .outOfOrder(true)
                .load();
        MigrateResult result = flyway.migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion
                : flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
    }
}
