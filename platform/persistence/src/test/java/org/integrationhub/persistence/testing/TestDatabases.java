package org.integrationhub.persistence.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh, isolated databases for tests: an in-memory H2, or a new schema in the local PostgreSQL
 * (127.0.0.1:5432, database {@code test}, trust auth; override with HUB_TEST_PG_URL / HUB_TEST_PG_USER).
 * Shared with other modules as this module's test-jar.
 */
public final class TestDatabases {

    /** The databases the hub supports. */
    public enum Kind {
        H2, POSTGRESQL
    }

    private static final String PG_URL = env("HUB_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = env("HUB_TEST_PG_USER", "postgres");

    private static final java.util.Set<String> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        // drop the schemas this JVM created, so the shared test database does not fill up
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreatedSchemas, "drop-test-schemas"));
    }

    private TestDatabases() {
    }

    private static void dropCreatedSchemas() {
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + String.join(", ", CREATED) + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schemas: " + e.getMessage());
        }
    }

    /** @return a new empty database of that kind; PostgreSQL tests are skipped (with a message) if none is running */
    public static DataSource create(Kind kind) {
        return kind == Kind.H2 ? h2() : postgres();
    }

    public static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    public static DataSource postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            CREATED.add(schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at " + PG_URL + " as " + PG_USER
                    + " (start it, or set HUB_TEST_PG_URL/HUB_TEST_PG_USER): " + e.getMessage());
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(PG_URL);
        ds.setUser(PG_USER);
        ds.setCurrentSchema(schema);
        return ds;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
